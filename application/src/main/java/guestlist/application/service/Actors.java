package guestlist.application.service;

import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;

/** The acting user as stored now, not as the session found it a moment ago. */
final class Actors {

    private Actors() {}

    static LocalUser current(UserRepository users, LocalUser actor) {
        return users.findById(actor.id())
                .orElseThrow(() -> new UseCaseFailure(Reason.NOT_LOGGED_IN, "this account no longer exists"));
    }

    static LocalUser currentAdmin(UserRepository users, LocalUser actor) {
        return current(users, actor).requireAdmin();
    }
}
