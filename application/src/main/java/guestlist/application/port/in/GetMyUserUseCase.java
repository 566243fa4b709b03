package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.InviteAllowance;
import java.util.Objects;
import java.util.Optional;

/**
 * The session's own account as its owner sees it (Lemmy's {@code getMyUser}), with what Guestlist
 * adds for its pages: who invited the account, and what is left of its invites (the cap, the quotas).
 */
public interface GetMyUserUseCase {

    /** @param actor the account of the session, as {@link AuthenticateUseCase} found it */
    MyUser getMyUser(LocalUser actor);

    /**
     * @param user      the account as stored now
     * @param inviter   the account whose invite it joined through, while that account exists
     * @param allowance what it may still do with invites now
     */
    record MyUser(LocalUser user, Optional<LocalUser> inviter, InviteAllowance allowance) {
        public MyUser {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(inviter, "inviter");
            Objects.requireNonNull(allowance, "allowance");
        }
    }
}
