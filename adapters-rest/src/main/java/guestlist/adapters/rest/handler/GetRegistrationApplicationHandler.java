package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.RegistrationApplicationResponse;
import guestlist.application.port.in.GetRegistrationApplicationUseCase;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.PersonId;

/** {@code GET /admin/registration_application?person_id=} (admin): the application of one account. */
public final class GetRegistrationApplicationHandler implements ApiHandler {

    private final GetRegistrationApplicationUseCase getApplication;

    public GetRegistrationApplicationHandler(GetRegistrationApplicationUseCase getApplication) {
        this.getApplication = getApplication;
    }

    @Override
    public RegistrationApplicationResponse handle(ApiRequest request) {
        LocalUser actor = request.actor();
        PersonId personId = new PersonId(request.query().requiredLong("person_id", 1, Long.MAX_VALUE));
        return RegistrationApplicationResponse.from(getApplication.getApplication(actor, personId));
    }
}
