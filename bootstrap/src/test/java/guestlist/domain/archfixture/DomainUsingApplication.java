package guestlist.domain.archfixture;

import guestlist.application.port.in.RegisterUseCase;

/** A deliberately bad class: domain code that knows a use case. Only the architecture test uses it. */
public final class DomainUsingApplication {

    public Class<?> useCase() {
        return RegisterUseCase.class;
    }
}
