package guestlist.domain;

import guestlist.testsupport.Credentials;

import java.time.Instant;
import java.util.Optional;

/** Small builders shared by the domain tests; every instant is passed in, never read from a clock. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2030-01-15T12:00:00Z");

    private Fixtures() {
    }

    static LocalUser member(long id) {
        return new LocalUser(id, new Username(Credentials.memberName(id)), Optional.empty(), false, true, Optional.empty(), NOW);
    }

    static LocalUser admin(long id) {
        return new LocalUser(id, new Username(Credentials.adminName(id)), Optional.empty(), true, true, Optional.empty(), NOW);
    }

    static InviteToken token(char fill) {
        return new InviteToken(String.valueOf(fill).repeat(32));
    }

    static Invite invite(Optional<Integer> maxUses, int usesCount, Optional<Instant> expiresAt) {
        return new Invite(7, token('a'), 3, maxUses, usesCount, expiresAt, NOW.minusSeconds(3600));
    }

    static Invite unlimitedInvite() {
        return invite(Optional.empty(), 0, Optional.empty());
    }

    static RegistrationApplication unreadApplication() {
        return new RegistrationApplication(11, 5, "I like the topic", Optional.empty(), Optional.empty(),
                NOW.minusSeconds(60), Optional.empty());
    }
}
