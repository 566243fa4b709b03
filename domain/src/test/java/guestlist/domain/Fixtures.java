package guestlist.domain;

import java.time.Instant;
import java.util.Optional;

/** Small builders shared by the domain tests; every instant is passed in, never read from a clock. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2030-01-15T12:00:00Z");

    private Fixtures() {
    }

    static LocalUser member(long id) {
        return new LocalUser(new LocalUserId(id), new Username("member" + id), Optional.empty(), false, true,
                Optional.empty(), NOW);
    }

    static LocalUser admin(long id) {
        return new LocalUser(new LocalUserId(id), new Username("admin" + id), Optional.empty(), true, true,
                Optional.empty(), NOW);
    }

    static InviteToken token(char fill) {
        return new InviteToken(String.valueOf(fill).repeat(32));
    }

    static Invite invite(Optional<Integer> maxUses, int usesCount, Optional<Instant> expiresAt) {
        return new Invite(new InviteId(7), token('a'), new LocalUserId(3), maxUses, usesCount, expiresAt,
                NOW.minusSeconds(3600));
    }

    static Invite unlimitedInvite() {
        return invite(Optional.empty(), 0, Optional.empty());
    }

    static RegistrationApplication unreadApplication() {
        return new RegistrationApplication(new ApplicationId(11), new LocalUserId(5), "I like the topic",
                Optional.empty(), Optional.empty(), NOW.minusSeconds(60), Optional.empty());
    }
}
