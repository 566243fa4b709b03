package guestlist.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.port.in.ChangeInvitePermissionCommand;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import org.junit.jupiter.api.Test;

/** Creating an invite without the right to invite (SPEC §6: {@code invites_disabled}). */
class CreateInviteServicePermissionTest {

    private final Guestlist guestlist = new Guestlist();
    private final InviteBranches branches = new InviteBranches(guestlist);
    private final LocalUser alice = guestlist.member("alice");

    private void setRight(LocalUser target, boolean canInvite, String reason) {
        guestlist
                .app
                .useCases()
                .changeInvitePermission()
                .changeInvitePermission(
                        new ChangeInvitePermissionCommand(guestlist.admin, target.id(), canInvite, false, reason));
    }

    @Test
    void aMemberWithoutTheRightIsRefusedWithTheReasonAndNothingIsStored() {
        setRight(alice, false, "invited three spammers");
        String before = guestlist.store.contents();

        assertThatThrownBy(() -> guestlist.invite(alice))
                .isInstanceOfSatisfying(
                        Refusal.class, refusal -> assertThat(refusal.rule()).isEqualTo(Rule.INVITES_DISABLED))
                .hasMessageContaining("invited three spammers");
        assertThat(guestlist.store.contents()).isEqualTo(before);
        assertThat(branches.usableInvites(alice)).isZero();
    }

    @Test
    void theRightIsReadAsStoredNotAsTheSessionFoundIt() {
        LocalUser asTheSessionSawHer = alice;
        setRight(alice, false, "spam");

        assertThat(asTheSessionSawHer.invitePermission().canInvite()).isTrue();
        assertThatThrownBy(() -> guestlist.invite(asTheSessionSawHer))
                .isInstanceOfSatisfying(
                        Refusal.class, refusal -> assertThat(refusal.rule()).isEqualTo(Rule.INVITES_DISABLED));
    }

    @Test
    void theRightGivenBackLetsTheMemberInviteAgain() {
        setRight(alice, false, "spam");
        setRight(alice, true, "sorted out");

        assertThat(guestlist.invite(alice).creatorId()).isEqualTo(alice.id());
    }

    @Test
    void adminsAlwaysMayInvite() {
        assertThat(guestlist.invite(guestlist.admin).creatorId()).isEqualTo(guestlist.admin.id());
        LocalUser admin2 = branches.adminInvitedBy(alice, "admin2");
        guestlist
                .app
                .useCases()
                .changeInvitePermission()
                .changeInvitePermission(
                        new ChangeInvitePermissionCommand(guestlist.admin, alice.id(), false, true, "branch"));

        assertThat(guestlist.invite(admin2).creatorId()).isEqualTo(admin2.id());
    }
}
