package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.MyUserResponse;
import guestlist.application.port.in.GetMyUserUseCase;

/**
 * {@code GET /account}: the account of the session, e-mail address included, with who invited it
 * and its invite allowance. Who the session's account is, is the {@code AuthenticateUseCase}'s
 * answer, which {@link ApiRequest#actor()} asks.
 */
public final class GetMyUserHandler implements ApiHandler {

    private final GetMyUserUseCase getMyUser;

    public GetMyUserHandler(GetMyUserUseCase getMyUser) {
        this.getMyUser = getMyUser;
    }

    @Override
    public MyUserResponse handle(ApiRequest request) {
        return MyUserResponse.from(getMyUser.getMyUser(request.actor()));
    }
}
