package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.InviteValidityResponse;
import guestlist.application.port.in.CheckInviteValidityUseCase;

/** {@code GET /account/invite/validity?token=} (no log-in, rate limited): whether the invite is usable now. */
public final class CheckInviteValidityHandler implements ApiHandler {

    private final CheckInviteValidityUseCase checkValidity;

    public CheckInviteValidityHandler(CheckInviteValidityUseCase checkValidity) {
        this.checkValidity = checkValidity;
    }

    @Override
    public InviteValidityResponse handle(ApiRequest request) {
        return new InviteValidityResponse(checkValidity.isValid(request.query().required("token")));
    }
}
