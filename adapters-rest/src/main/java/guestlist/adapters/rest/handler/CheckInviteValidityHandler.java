package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.http.DeferredApiHandler;
import guestlist.adapters.rest.json.InviteValidityResponse;
import guestlist.application.port.in.CheckInviteValidityUseCase;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /account/invite/validity?token=} (no log-in, rate limited): whether the invite is usable
 * now. Takes no worker thread: the check is answered when the store has answered it.
 */
public final class CheckInviteValidityHandler implements DeferredApiHandler {

    private final CheckInviteValidityUseCase checkValidity;

    public CheckInviteValidityHandler(CheckInviteValidityUseCase checkValidity) {
        this.checkValidity = checkValidity;
    }

    @Override
    public CompletionStage<InviteValidityResponse> handle(ApiRequest request) {
        return checkValidity.checkValidity(request.query().required("token")).thenApply(InviteValidityResponse::new);
    }
}
