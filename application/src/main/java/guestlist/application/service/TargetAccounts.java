package guestlist.application.service;

import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;

/** The account an admin names, as stored now, or {@code NO_SUCH_ACCOUNT}. */
final class TargetAccounts {

    private TargetAccounts() {}

    static LocalUser existing(UserRepository users, LocalUserId id) {
        return users.findById(id)
                .orElseThrow(() -> new UseCaseFailure(Reason.NO_SUCH_ACCOUNT, "no account has the id " + id.value()));
    }
}
