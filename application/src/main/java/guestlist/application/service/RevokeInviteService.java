package guestlist.application.service;

import guestlist.application.port.in.RevokeInviteUseCase;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteToken;

/** Revoking an invite: its creator's, or any invite for an admin. Any other token is "no invite of yours". */
public final class RevokeInviteService implements RevokeInviteUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final InviteRepository invites;

    public RevokeInviteService(Transactions transactions, UserRepository users, InviteRepository invites) {
        this.transactions = transactions;
        this.users = users;
        this.invites = invites;
    }

    @Override
    public void revokeInvite(LocalUser actor, String token) {
        if (!InviteToken.isWellFormed(token)) {
            throw notYours();
        }
        transactions.run(() -> {
            Invite invite = invites.findByToken(new InviteToken(token)).orElseThrow(RevokeInviteService::notYours);
            if (!invite.revocableBy(Actors.current(users, actor))) {
                throw notYours();
            }
            invites.delete(invite.id());
        });
    }

    private static UseCaseFailure notYours() {
        return new UseCaseFailure(Reason.NO_INVITE_OF_YOURS, "no invite of yours has that token");
    }
}
