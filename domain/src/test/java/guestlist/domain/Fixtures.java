package guestlist.domain;

import guestlist.domain.account.InvitePermission;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.Username;
import guestlist.domain.application.ApplicationId;
import guestlist.domain.application.RegistrationApplication;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteId;
import guestlist.domain.invite.InviteToken;
import guestlist.testsupport.Credentials;
import java.time.Instant;
import java.util.Optional;

/** Small builders shared by the domain tests; every instant is passed in, never read from a clock. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2030-01-15T12:00:00Z");

    private Fixtures() {}

    public static LocalUser member(long id) {
        return new LocalUser(
                new LocalUserId(id),
                new Username(Credentials.memberName(id)),
                Optional.empty(),
                false,
                true,
                Optional.empty(),
                NOW,
                Optional.empty(),
                InvitePermission.ALLOWED,
                0);
    }

    /** A member whose account was made at {@code publishedAt}. */
    public static LocalUser memberSince(long id, Instant publishedAt) {
        return new LocalUser(
                new LocalUserId(id),
                new Username(Credentials.memberName(id)),
                Optional.empty(),
                false,
                true,
                Optional.empty(),
                publishedAt,
                Optional.empty(),
                InvitePermission.ALLOWED,
                0);
    }

    public static LocalUser admin(long id) {
        return new LocalUser(
                new LocalUserId(id),
                new Username(Credentials.adminName(id)),
                Optional.empty(),
                true,
                true,
                Optional.empty(),
                NOW,
                Optional.empty(),
                InvitePermission.ALLOWED,
                0);
    }

    public static InviteToken token(char fill) {
        return new InviteToken(String.valueOf(fill).repeat(32));
    }

    public static Invite invite(Optional<Integer> maxUses, int usesCount, Optional<Instant> expiresAt) {
        return new Invite(
                new InviteId(7),
                token('a'),
                new LocalUserId(3),
                maxUses,
                usesCount,
                expiresAt,
                NOW.minusSeconds(3600),
                Optional.empty());
    }

    public static Invite unlimitedInvite() {
        return invite(Optional.empty(), 0, Optional.empty());
    }

    public static RegistrationApplication unreadApplication() {
        return new RegistrationApplication(
                new ApplicationId(11),
                new LocalUserId(5),
                "I like the topic",
                Optional.empty(),
                Optional.empty(),
                NOW.minusSeconds(60),
                Optional.empty());
    }
}
