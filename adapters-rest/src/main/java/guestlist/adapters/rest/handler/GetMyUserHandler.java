package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.MyUserResponse;

/**
 * {@code GET /account}: the account of the session, e-mail address included. Who that is, is the
 * {@code AuthenticateUseCase}'s answer, which {@link ApiRequest#actor()} asks.
 */
public final class GetMyUserHandler implements ApiHandler {

    @Override
    public MyUserResponse handle(ApiRequest request) {
        return MyUserResponse.from(request.actor());
    }
}
