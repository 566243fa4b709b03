package guestlist.adapters.rest.json;

import guestlist.domain.account.EmailAddress;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;

/**
 * Lemmy's {@code LocalUser}. The e-mail address appears only in the account owner's own view
 * ({@link #ownView}); views others see ({@link #publicView}) leave it out.
 */
public record LocalUserJson(
        long id,
        long personId,
        String email,
        boolean admin,
        boolean acceptedApplication,
        Long invitedByLocalUserId,
        boolean canInvite,
        String publishedAt) {

    /** The account as its owner sees it, e-mail address included. */
    public static LocalUserJson ownView(LocalUser user) {
        return new LocalUserJson(
                user.id().value(),
                user.personId().value(),
                user.email().map(EmailAddress::value).orElse(null),
                user.admin(),
                user.acceptedApplication(),
                user.invitedBy().map(LocalUserId::value).orElse(null),
                user.invitePermission().canInvite(),
                Timestamps.format(user.publishedAt()));
    }

    /** The account as others (admins reading applications) see it: no e-mail address. */
    public static LocalUserJson publicView(LocalUser user) {
        return new LocalUserJson(
                user.id().value(),
                user.personId().value(),
                null,
                user.admin(),
                user.acceptedApplication(),
                user.invitedBy().map(LocalUserId::value).orElse(null),
                user.invitePermission().canInvite(),
                Timestamps.format(user.publishedAt()));
    }
}
