package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.DecideRegistrationApplicationRequest;
import guestlist.adapters.rest.json.RegistrationApplicationResponse;
import guestlist.application.port.in.DecideRegistrationApplicationUseCase;
import guestlist.domain.account.LocalUser;

/** {@code PUT /admin/registration_application/approve} (admin): {@code id}, {@code approve}, {@code deny_reason}?. */
public final class DecideRegistrationApplicationHandler implements ApiHandler {

    private final DecideRegistrationApplicationUseCase decide;

    public DecideRegistrationApplicationHandler(DecideRegistrationApplicationUseCase decide) {
        this.decide = decide;
    }

    @Override
    public RegistrationApplicationResponse handle(ApiRequest request) {
        LocalUser actor = request.actor();
        return RegistrationApplicationResponse.from(decide.decide(
                request.body(DecideRegistrationApplicationRequest.class).toCommand(actor)));
    }
}
