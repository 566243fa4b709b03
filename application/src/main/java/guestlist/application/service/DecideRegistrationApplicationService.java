package guestlist.application.service;

import guestlist.application.port.in.ApplicationView;
import guestlist.application.port.in.DecideRegistrationApplicationCommand;
import guestlist.application.port.in.DecideRegistrationApplicationUseCase;
import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.application.RegistrationApplication;
import java.time.Clock;

/** Admins approving or denying a registration application; the account is let in or kept out with it. */
public final class DecideRegistrationApplicationService implements DecideRegistrationApplicationUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final RegistrationApplicationRepository applications;
    private final Clock clock;

    public DecideRegistrationApplicationService(
            Transactions transactions,
            UserRepository users,
            RegistrationApplicationRepository applications,
            Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.applications = applications;
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
            return ApplicationViews.view(users, decided);
        });
    }
}
