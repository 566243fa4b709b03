package guestlist.application.port.in;

import guestlist.domain.paging.Page;

/** Admins read registration applications, oldest first, one page at a time. */
public interface ListRegistrationApplicationsUseCase {

    Page<ApplicationView> listApplications(ListRegistrationApplicationsQuery query);
}
