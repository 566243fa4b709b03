package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.http.JsonBody;
import guestlist.adapters.rest.json.RegistrationApplicationResponse;
import guestlist.application.port.in.DecideRegistrationApplicationCommand;
import guestlist.application.port.in.DecideRegistrationApplicationUseCase;
import guestlist.domain.account.LocalUser;
import guestlist.domain.application.ApplicationId;

/** {@code PUT /admin/registration_application/approve} (admin): {@code id}, {@code approve}, {@code deny_reason}?. */
public final class DecideRegistrationApplicationHandler implements ApiHandler {

    private final DecideRegistrationApplicationUseCase decide;

    public DecideRegistrationApplicationHandler(DecideRegistrationApplicationUseCase decide) {
        this.decide = decide;
    }

    @Override
    public RegistrationApplicationResponse handle(ApiRequest request) {
        LocalUser actor = request.actor();
        JsonBody body = request.body();
        DecideRegistrationApplicationCommand command = new DecideRegistrationApplicationCommand(actor,
                new ApplicationId(body.requiredLong("id", 1, Long.MAX_VALUE)), body.requiredBoolean("approve"),
                body.optionalString("deny_reason"));
        return RegistrationApplicationResponse.from(decide.decide(command));
    }
}
