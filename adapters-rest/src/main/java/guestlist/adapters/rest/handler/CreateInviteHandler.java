package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.CreateInvitationResponse;
import guestlist.adapters.rest.json.CreateInviteRequest;
import guestlist.adapters.rest.json.InviteJson;
import guestlist.adapters.rest.json.InviteLinks;
import guestlist.application.port.in.CreateInviteUseCase;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;

/**
 * {@code POST /account/invite}: {@code max_uses}? (an integer), {@code expires_at}? (an RFC 3339
 * timestamp with an offset), {@code comment}? (text). Their ranges (1..1,000,000 uses, at most 365
 * days ahead, at most 200 characters) are the domain's, and so are the cap and the quotas.
 */
public final class CreateInviteHandler implements ApiHandler {

    private final CreateInviteUseCase createInvite;
    private final InviteLinks links;

    public CreateInviteHandler(CreateInviteUseCase createInvite, InviteLinks links) {
        this.createInvite = createInvite;
        this.links = links;
    }

    @Override
    public CreateInvitationResponse handle(ApiRequest request) {
        LocalUser actor = request.actor();
        Invite invite = createInvite.createInvite(
                request.body(CreateInviteRequest.class).toCommand(actor));
        return new CreateInvitationResponse(InviteJson.from(invite, links));
    }
}
