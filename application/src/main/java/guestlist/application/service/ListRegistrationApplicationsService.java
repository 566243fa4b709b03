package guestlist.application.service;

import guestlist.application.port.in.ApplicationView;
import guestlist.application.port.in.ListRegistrationApplicationsQuery;
import guestlist.application.port.in.ListRegistrationApplicationsUseCase;
import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.application.ApplicationId;
import guestlist.domain.application.RegistrationApplication;
import guestlist.domain.paging.Keyset;
import guestlist.domain.paging.Page;

/** Admins listing registration applications, oldest first, one keyset page at a time. */
public final class ListRegistrationApplicationsService implements ListRegistrationApplicationsUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final RegistrationApplicationRepository applications;

    public ListRegistrationApplicationsService(
            Transactions transactions, UserRepository users, RegistrationApplicationRepository applications) {
        this.transactions = transactions;
        this.users = users;
        this.applications = applications;
    }

    @Override
    public Page<ApplicationView> listApplications(ListRegistrationApplicationsQuery query) {
        return transactions.inTransaction(() -> {
            Actors.currentAdmin(users, query.actor());
            Page<RegistrationApplication> page = Keyset.page(
                    query.size(),
                    limit -> applications.list(
                            query.unreadOnly(), query.after().map(after -> new ApplicationId(after.lastId())), limit),
                    application -> application.id().value());
            return new Page<>(ApplicationViews.views(users, page.items()), page.next());
        });
    }
}
