package guestlist.application.port.out.contract;

import guestlist.domain.account.EmailAddress;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.invite.NewInvite;
import java.time.Instant;
import java.util.Optional;

/**
 * Values for the contract tests. Instants are whole seconds, so every adapter stores and returns
 * them unchanged (PostgreSQL keeps microseconds, not nanoseconds).
 */
final class Samples {

    static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");

    private Samples() {}

    static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    static NewUser user(String name) {
        return new NewUser(new Username(name), Optional.empty(), false, true, Optional.empty(), T0);
    }

    static NewUser user(String name, String email) {
        return new NewUser(new Username(name), Optional.of(new EmailAddress(email)), false, true, Optional.empty(), T0);
    }

    static NewUser admin(String name, Instant publishedAt) {
        return new NewUser(new Username(name), Optional.empty(), true, true, Optional.empty(), publishedAt);
    }

    /** A well-formed token that differs for every {@code n}. */
    static InviteToken token(int n) {
        return new InviteToken(String.format("tok_%028d", n));
    }

    static NewInvite invite(int n, LocalUserId creatorId, Optional<Integer> maxUses, Optional<Instant> expiresAt) {
        return new NewInvite(token(n), creatorId, maxUses, expiresAt, T0, Optional.empty());
    }

    /** An unlimited invite made at {@code publishedAt} with {@code comment}. */
    static NewInvite invite(int n, LocalUserId creatorId, Instant publishedAt, Optional<String> comment) {
        return new NewInvite(token(n), creatorId, Optional.empty(), Optional.empty(), publishedAt, comment);
    }

    static NewInvite unlimitedInvite(int n, LocalUserId creatorId) {
        return invite(n, creatorId, Optional.empty(), Optional.empty());
    }
}
