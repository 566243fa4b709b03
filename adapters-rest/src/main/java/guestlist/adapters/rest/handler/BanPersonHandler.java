package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.BanPersonRequest;
import guestlist.adapters.rest.json.BanPersonResponse;
import guestlist.application.port.in.BanPersonUseCase;
import guestlist.domain.account.LocalUser;

/**
 * {@code POST /admin/ban} (admin, Lemmy's {@code banPerson}): {@code person_id}, {@code ban},
 * {@code reason}, {@code expires_at}? (unix seconds), {@code include_invitees}?.
 */
public final class BanPersonHandler implements ApiHandler {

    private final BanPersonUseCase banPerson;

    public BanPersonHandler(BanPersonUseCase banPerson) {
        this.banPerson = banPerson;
    }

    @Override
    public BanPersonResponse handle(ApiRequest request) {
        LocalUser actor = request.actor();
        return BanPersonResponse.from(
                banPerson.banPerson(request.body(BanPersonRequest.class).toCommand(actor)));
    }
}
