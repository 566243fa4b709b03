package guestlist.application.service;

import guestlist.application.port.in.ApplicationView;
import guestlist.application.port.in.GetRegistrationApplicationUseCase;
import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.PersonId;

/** Admins reading the registration application of one person. */
public final class GetRegistrationApplicationService implements GetRegistrationApplicationUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final RegistrationApplicationRepository applications;

    public GetRegistrationApplicationService(
            Transactions transactions, UserRepository users, RegistrationApplicationRepository applications) {
        this.transactions = transactions;
        this.users = users;
        this.applications = applications;
    }

    @Override
    public ApplicationView getApplication(LocalUser actor, PersonId personId) {
        return transactions.inTransaction(() -> {
            Actors.currentAdmin(users, actor);
            return applications
                    .findByUserId(personId.localUser())
                    .map(application -> ApplicationViews.view(users, application))
                    .orElseThrow(ApplicationViews::notFound);
        });
    }
}
