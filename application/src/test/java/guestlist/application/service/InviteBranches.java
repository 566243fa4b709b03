package guestlist.application.service;

import static guestlist.application.service.Guestlist.form;

import guestlist.application.port.in.AccountListingQuery;
import guestlist.application.port.in.ListInvitesQuery;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import guestlist.domain.invite.Invite;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.paging.PagePosition;
import guestlist.domain.paging.PageSize;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Invite branches built through the use cases of a {@link Guestlist}: each inviter's one unlimited
 * invite, used by everyone it brings in; and what the store then holds about invites and the log.
 */
final class InviteBranches {

    private final Guestlist guestlist;
    private final Map<LocalUserId, Invite> invites = new HashMap<>();

    InviteBranches(Guestlist guestlist) {
        this.guestlist = guestlist;
    }

    /** A new account, logged in, that joined with an invite of {@code inviter}. */
    LocalUser invitedBy(LocalUser inviter, String name) {
        Invite invite = invites.computeIfAbsent(inviter.id(), id -> guestlist.invite(inviter));
        String session =
                guestlist.register(form(name).token(invite)).sessionToken().orElseThrow();
        return guestlist.authenticate(session);
    }

    /** An admin that joined with an invite of {@code inviter} (only the first admin is made by a use case). */
    LocalUser adminInvitedBy(LocalUser inviter, String name) {
        return guestlist
                .store
                .transactions()
                .inTransaction(() -> guestlist
                        .store
                        .users()
                        .add(
                                new NewUser(
                                        new Username(name),
                                        Optional.empty(),
                                        true,
                                        true,
                                        Optional.of(inviter.id()),
                                        guestlist.clock.instant()),
                                "hash"));
    }

    /** The account as stored now. */
    LocalUser stored(LocalUser account) {
        return guestlist
                .store
                .transactions()
                .inTransaction(() -> guestlist.store.users().findById(account.id()))
                .orElseThrow();
    }

    /** How many usable invites the account holds now, as it would list them. */
    int usableInvites(LocalUser account) {
        return guestlist
                .app
                .useCases()
                .listInvites()
                .listInvites(new ListInvitesQuery(account, new PageSize(PageSize.MAX), Optional.empty()))
                .items()
                .size();
    }

    /** The log as stored, newest first. */
    List<ModerationEntry> log() {
        return guestlist
                .store
                .transactions()
                .inTransaction(() -> guestlist.store.moderation().log(Optional.empty(), 1_000));
    }

    static AccountListingQuery query(LocalUser actor, LocalUser account, int size, Optional<LocalUserId> after) {
        return new AccountListingQuery(
                actor, account.id(), new PageSize(size), after.map(id -> new PagePosition(id.value())));
    }
}
