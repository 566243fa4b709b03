package guestlist.application.archfixture;

import org.springframework.context.annotation.Configuration;

/** A deliberately bad class: application code with a Spring annotation. Only the architecture test uses it. */
@Configuration
public class ApplicationUsingSpring {}
