package guestlist.application.service;

import guestlist.application.port.in.ApplicationView;
import guestlist.application.port.in.DecideRegistrationApplicationCommand;
import guestlist.application.port.in.DecideRegistrationApplicationUseCase;
import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.application.port.out.SessionRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.application.RegistrationApplication;
import java.time.Clock;

/**
 * Admins approving or denying a registration application; the account is let in or kept out with
 * it. A denial (also of an application approved before) ends every session of the account in the
 * same transaction, so a denied account is out at once, not when its sessions expire.
 */
public final class DecideRegistrationApplicationService implements DecideRegistrationApplicationUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final RegistrationApplicationRepository applications;
    private final SessionRepository sessions;
    private final Clock clock;

    public DecideRegistrationApplicationService(
            Transactions transactions,
            UserRepository users,
            RegistrationApplicationRepository applications,
            SessionRepository sessions,
            Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.applications = applications;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public ApplicationView decide(DecideRegistrationApplicationCommand command) {
        return transactions.inTransaction(() -> {
            LocalUser admin = Actors.currentAdmin(users, command.actor());
            RegistrationApplication decided = applications
                    .findById(command.applicationId())
                    .orElseThrow(ApplicationViews::notFound)
                    .decide(admin, command.approve(), command.denyReason(), clock.instant());
            applications.saveDecision(decided);
            users.setAcceptedApplication(decided.userId(), command.approve());
            if (!command.approve()) {
                sessions.deleteAllOf(decided.userId());
            }
            return ApplicationViews.view(users, decided);
        });
    }
}
