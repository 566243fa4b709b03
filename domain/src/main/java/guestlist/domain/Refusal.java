package guestlist.domain;

import java.util.Objects;

/** The domain refusing something: the {@link Rule} that refused, and a message meant for humans. */
public final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Rule rule;

    public Refusal(Rule rule, String message) {
        super(message);
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    public Rule rule() {
        return rule;
    }
}
