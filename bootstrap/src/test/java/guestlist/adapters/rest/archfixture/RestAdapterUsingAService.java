package guestlist.adapters.rest.archfixture;

import guestlist.application.port.in.LogoutUseCase;
import guestlist.application.port.out.SessionRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.service.LogoutService;

/**
 * A deliberately bad class: the REST adapter building a service instead of taking its in-port. Only
 * the architecture test uses it.
 */
public final class RestAdapterUsingAService {

    public LogoutUseCase logout(Transactions transactions, SessionRepository sessions) {
        return new LogoutService(transactions, sessions);
    }
}
