package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.ListInvitesQuery;
import guestlist.application.port.in.RevokeInviteUseCase;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;
import guestlist.domain.paging.Page;
import guestlist.domain.paging.PageSize;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RevokeInviteServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final LocalUser alice = guestlist.member("alice");
    private final RevokeInviteUseCase revoke = guestlist.app.useCases().revokeInvite();

    @Test
    void memberRevokesOwnInvite() {
        Invite invite = guestlist.invite(alice);

        revoke.revokeInvite(alice, invite.token().value());

        assertThat(guestlist.storedInvite(invite.token())).isEmpty();
        assertThat(guestlist.isValid(invite)).isFalse();
        assertThat(list(alice, 50).items()).isEmpty();
    }

    @Test
    void memberMayNotRevokeAnotherMembersInvite() {
        LocalUser bob = guestlist.member("bob");
        Invite invite = guestlist.invite(alice);

        assertRefused(() -> revoke.revokeInvite(bob, invite.token().value()), Reason.NO_INVITE_OF_YOURS);

        assertThat(guestlist.isValid(invite)).isTrue();
    }

    @Test
    void adminRevokesAnyonesInvite() {
        Invite invite = guestlist.invite(alice);

        revoke.revokeInvite(guestlist.admin, invite.token().value());

        assertThat(guestlist.storedInvite(invite.token())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC", "malformed", "", " "})
    void revokingAnUnknownOrMalformedTokenIsRefused(String token) {
        guestlist.invite(alice);

        assertRefused(() -> revoke.revokeInvite(alice, token), Reason.NO_INVITE_OF_YOURS);
        assertThat(list(alice, 50).items()).hasSize(1);
    }

    @Test
    void revokingTwiceIsRefusedTheSecondTime() {
        Invite invite = guestlist.invite(alice);
        revoke.revokeInvite(alice, invite.token().value());

        assertRefused(() -> revoke.revokeInvite(alice, invite.token().value()), Reason.NO_INVITE_OF_YOURS);
    }

    private Page<Invite> list(LocalUser actor, int limit) {
        return guestlist
                .app
                .useCases()
                .listInvites()
                .listInvites(new ListInvitesQuery(actor, new PageSize(limit), Optional.empty()));
    }
}
