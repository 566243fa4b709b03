package guestlist.adapters.rest.json;

import guestlist.application.port.in.LocalUserView;
import guestlist.domain.account.LocalUser;

/**
 * Lemmy's {@code LocalUserView} with Guestlist's {@code invitee_count} (direct invitees). The
 * e-mail address appears only in the owner's own view.
 */
public record LocalUserViewJson(
        LocalUserJson localUser, PersonJson person, boolean banned, String banExpiresAt, long inviteeCount) {

    /** An account as admins see it. */
    public static LocalUserViewJson from(LocalUserView view) {
        LocalUser user = view.user();
        return new LocalUserViewJson(
                LocalUserJson.publicView(user),
                PersonJson.from(user),
                view.banned(),
                view.banExpiresAt().map(Timestamps::format).orElse(null),
                user.inviteeCount());
    }

    /** The account of the session as its owner sees it; a banned account has no session. */
    public static LocalUserViewJson own(LocalUser user) {
        return new LocalUserViewJson(
                LocalUserJson.ownView(user), PersonJson.from(user), false, null, user.inviteeCount());
    }
}
