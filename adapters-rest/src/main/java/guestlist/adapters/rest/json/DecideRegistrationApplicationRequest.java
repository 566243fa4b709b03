package guestlist.adapters.rest.json;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import guestlist.application.port.in.DecideRegistrationApplicationCommand;
import guestlist.domain.account.LocalUser;
import guestlist.domain.application.ApplicationId;
import java.util.Optional;

/** The body of {@code PUT /admin/registration_application/approve}. */
public record DecideRegistrationApplicationRequest(
        @Required Long id, @Required Boolean approve, String denyReason) {

    public DecideRegistrationApplicationRequest {
        if (id != null && id < 1) {
            throw new RequestRefusal(RequestError.BAD_REQUEST, "id must be an integer between 1 and " + Long.MAX_VALUE);
        }
    }

    public DecideRegistrationApplicationCommand toCommand(LocalUser actor) {
        return new DecideRegistrationApplicationCommand(
                actor, new ApplicationId(id), approve, Optional.ofNullable(denyReason));
    }
}
