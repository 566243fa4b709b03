package guestlist.adapters.rest.json;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import guestlist.application.port.in.BanPersonCommand;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.PersonId;
import java.time.Instant;
import java.util.Optional;

/**
 * The body of {@code POST /admin/ban}: Lemmy's {@code BanPerson} ({@code person_id}, {@code ban},
 * {@code reason}, {@code expires_at}? in unix seconds; its {@code remove_or_restore_data} is
 * ignored, Guestlist holds no content) with Guestlist's {@code include_invitees}? (default false).
 */
public record BanPersonRequest(
        @Required Long personId,
        @Required Boolean ban,
        @Required String reason,
        Long expiresAt,
        Boolean includeInvitees) {

    /** 9999-12-31T23:59:59Z: the last second an RFC 3339 timestamp (four-digit years) can write. */
    public static final long MAX_EXPIRES_AT = 253_402_300_799L;

    public BanPersonRequest {
        if (personId != null && personId < 1) {
            throw new RequestRefusal(
                    RequestError.BAD_REQUEST, "person_id must be an integer between 1 and " + Long.MAX_VALUE);
        }
        if (expiresAt != null && (expiresAt < 1 || expiresAt > MAX_EXPIRES_AT)) {
            throw new RequestRefusal(
                    RequestError.BAD_REQUEST,
                    "expires_at must be an integer between 1 and " + MAX_EXPIRES_AT + " (unix seconds)");
        }
    }

    public BanPersonCommand toCommand(LocalUser actor) {
        return new BanPersonCommand(
                actor,
                new PersonId(personId),
                ban,
                reason,
                Optional.ofNullable(expiresAt).map(Instant::ofEpochSecond),
                includeInvitees != null && includeInvitees);
    }
}
