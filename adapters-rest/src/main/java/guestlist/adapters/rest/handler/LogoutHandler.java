package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.LogoutRequest;
import guestlist.adapters.rest.json.SuccessResponse;
import guestlist.application.port.in.LogoutUseCase;

/**
 * {@code POST /account/auth/logout}: ends the session whose token is sent; a dead token is
 * {@code not_logged_in}. The body has no fields, but like every body it must be a JSON object (or
 * absent): a malformed request ends nothing. The answer clears the session cookie of the pages.
 */
public final class LogoutHandler implements ApiHandler {

    private final LogoutUseCase logout;

    public LogoutHandler(LogoutUseCase logout) {
        this.logout = logout;
    }

    @Override
    public SuccessResponse handle(ApiRequest request) {
        request.sessionToken(); // a cookie from another origin is refused here, and nothing is cleared
        request.clearSessionCookie(); // the browser forgets its cookie, also when the session is gone already
        request.actor();
        request.body(LogoutRequest.class);
        logout.logout(request.sessionToken());
        return SuccessResponse.SUCCESS;
    }
}
