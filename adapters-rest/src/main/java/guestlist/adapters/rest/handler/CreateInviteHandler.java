package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.http.JsonBody;
import guestlist.adapters.rest.http.RequestError;
import guestlist.adapters.rest.http.RequestRefusal;
import guestlist.adapters.rest.json.CreateInvitationResponse;
import guestlist.adapters.rest.json.InviteJson;
import guestlist.adapters.rest.json.InviteLinks;
import guestlist.application.port.in.CreateInviteCommand;
import guestlist.application.port.in.CreateInviteUseCase;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /account/invite}: {@code max_uses}? (an integer), {@code expires_at}? (an RFC 3339
 * timestamp with an offset). Their ranges (1..1,000,000 uses, at most 365 days ahead) are the domain's.
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
        JsonBody body = request.body();
        Optional<Integer> maxUses = body.optionalInt("max_uses", 1, Invite.MAX_USES_LIMIT);
        Optional<Instant> expiresAt = body.optionalString("expires_at").map(CreateInviteHandler::rfc3339);
        Invite invite = createInvite.createInvite(new CreateInviteCommand(actor, maxUses, expiresAt));
        return new CreateInvitationResponse(InviteJson.from(invite, links));
    }

    /** RFC 3339 allows a lower-case {@code t} and {@code z}; Java's parser wants them upper-case. */
    static Instant rfc3339(String text) {
        try {
            return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new RequestRefusal(RequestError.BAD_REQUEST,
                    "expires_at must be an RFC 3339 timestamp with an offset, like 2026-01-31T12:00:00Z");
        }
    }
}
