package guestlist.application.service;

import guestlist.application.port.in.CheckInviteValidityUseCase;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.domain.invite.InviteToken;
import java.time.Clock;

/** Whether a token names an invite usable now; expiry is checked here, never left to the sweep. */
public final class CheckInviteValidityService implements CheckInviteValidityUseCase {

    private final Transactions transactions;
    private final InviteRepository invites;
    private final Clock clock;

    public CheckInviteValidityService(Transactions transactions, InviteRepository invites, Clock clock) {
        this.transactions = transactions;
        this.invites = invites;
        this.clock = clock;
    }

    @Override
    public boolean isValid(String token) {
        if (!InviteToken.isWellFormed(token)) {
            return false;
        }
        return transactions
                .read(() -> invites.findByToken(new InviteToken(token)))
                .map(invite -> invite.usableAt(clock.instant()))
                .orElse(false);
    }
}
