package guestlist.application.service;

import guestlist.application.port.in.LogoutUseCase;
import guestlist.application.port.out.SessionRepository;
import guestlist.application.port.out.Transactions;

/** Log-out: ends the session of that token, if there is one. */
public final class LogoutService implements LogoutUseCase {

    private final Transactions transactions;
    private final SessionRepository sessions;

    public LogoutService(Transactions transactions, SessionRepository sessions) {
        this.transactions = transactions;
        this.sessions = sessions;
    }

    @Override
    public void logout(String sessionToken) {
        if (SessionTokens.plausible(sessionToken)) {
            transactions.run(() -> sessions.delete(SessionTokens.hash(sessionToken)));
        }
    }
}
