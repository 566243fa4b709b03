package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.port.in.ChangeInvitePermissionCommand;
import guestlist.application.port.in.ChangeInvitePermissionUseCase;
import guestlist.application.port.in.LocalUserView;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.InvitePermission;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.ModerationReason;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import guestlist.domain.invite.Invite;
import guestlist.domain.moderation.ModerationAction;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.Scope;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChangeInvitePermissionServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final InviteBranches branches = new InviteBranches(guestlist);
    private final ChangeInvitePermissionUseCase permission =
            guestlist.app.useCases().changeInvitePermission();

    // alice -> spammer -> {ring1 -> ring11, ring2, admin2 -> ring3}
    private final LocalUser alice = guestlist.member("alice");
    private final LocalUser spammer = branches.invitedBy(alice, "spammer");
    private final LocalUser ring1 = branches.invitedBy(spammer, "ring1");
    private final LocalUser ring11 = branches.invitedBy(ring1, "ring11");
    private final LocalUser ring2 = branches.invitedBy(spammer, "ring2");
    private final LocalUser admin2 = branches.adminInvitedBy(spammer, "admin2");
    private final LocalUser ring3 = branches.invitedBy(admin2, "ring3");

    private LocalUserView change(LocalUser target, boolean canInvite, boolean includeInvitees, String reason) {
        return permission.changeInvitePermission(
                new ChangeInvitePermissionCommand(guestlist.admin, target.id(), canInvite, includeInvitees, reason));
    }

    private static void assertMayNotInvite(Guestlist guestlist, LocalUser account, String reason) {
        assertThatThrownBy(() -> guestlist.invite(account))
                .isInstanceOfSatisfying(
                        Refusal.class, refusal -> assertThat(refusal.rule()).isEqualTo(Rule.INVITES_DISABLED))
                .hasMessageContaining(reason);
    }

    @Test
    void withdrawingTheRightRefusesNewInvitesRevokesTheOldOnesAndIsLogged() {
        Invite old = guestlist.invite(spammer);

        LocalUserView view = change(spammer, false, false, "sold invites");

        assertThat(view.user().id()).isEqualTo(spammer.id());
        assertThat(view.user().invitePermission()).isEqualTo(InvitePermission.disabled("sold invites"));
        assertThat(view.banned()).isFalse();
        assertMayNotInvite(guestlist, spammer, "sold invites");
        assertThat(guestlist.isValid(old)).isFalse();
        assertThat(branches.usableInvites(spammer)).isZero();
        assertThat(guestlist.invite(ring1).creatorId())
                .as("its invitees still may")
                .isEqualTo(ring1.id());
        ModerationEntry entry = branches.log().get(0);
        assertThat(entry.action()).isEqualTo(ModerationAction.DISABLE_INVITES);
        assertThat(entry.admin()).isEqualTo(guestlist.admin.id());
        assertThat(entry.target()).isEqualTo(spammer.id());
        assertThat(entry.includeInvitees()).isFalse();
        assertThat(entry.affectedAccounts()).isEqualTo(1);
        assertThat(entry.revokedInvites())
                .as("the old one and the one its invitees used")
                .isEqualTo(2);
        assertThat(entry.reason()).isEqualTo("sold invites");
        assertThat(entry.publishedAt()).isEqualTo(guestlist.clock.instant());
    }

    @Test
    void withInviteesTheWholeBranchLosesTheRightAndItsInvitesButNoAdmin() {
        guestlist.invite(ring11);

        change(spammer, false, true, "a spam ring");

        for (LocalUser member : List.of(spammer, ring1, ring11, ring2, ring3)) {
            assertMayNotInvite(guestlist, member, "a spam ring");
            assertThat(branches.usableInvites(member)).as(member.name().value()).isZero();
        }
        assertThat(branches.stored(admin2).invitePermission()).isEqualTo(InvitePermission.ALLOWED);
        assertThat(branches.usableInvites(admin2))
                .as("the admin's invite stays")
                .isEqualTo(1);
        assertThat(guestlist.invite(admin2).creatorId()).isEqualTo(admin2.id());
        assertThat(guestlist.invite(alice).creatorId())
                .as("above the branch nothing changes")
                .isEqualTo(alice.id());
        ModerationEntry entry = branches.log().get(0);
        assertThat(entry.includeInvitees()).isTrue();
        assertThat(entry.affectedAccounts())
                .as("spammer, ring1, ring11, ring2, ring3")
                .isEqualTo(5);
        assertThat(entry.revokedInvites()).as("spammer's, ring1's, ring11's").isEqualTo(3);
    }

    @Test
    void givingTheRightBackLetsTheBranchInviteAgainButBringsNoInviteBack() {
        Invite old = guestlist.invite(ring1);
        change(spammer, false, true, "a spam ring");

        LocalUserView view = change(spammer, true, true, "it was a misunderstanding");

        assertThat(view.user().invitePermission()).isEqualTo(InvitePermission.ALLOWED);
        for (LocalUser member : List.of(spammer, ring1, ring11, ring2, ring3)) {
            assertThat(guestlist.invite(member).creatorId()).isEqualTo(member.id());
        }
        assertThat(guestlist.isValid(old)).isFalse();
        ModerationEntry entry = branches.log().get(0);
        assertThat(entry.action()).isEqualTo(ModerationAction.ENABLE_INVITES);
        assertThat(entry.affectedAccounts()).isEqualTo(5);
        assertThat(entry.revokedInvites()).isZero();
        assertThat(entry.reason()).isEqualTo("it was a misunderstanding");
        assertThat(branches.log())
                .extracting(ModerationEntry::action)
                .containsExactly(ModerationAction.ENABLE_INVITES, ModerationAction.DISABLE_INVITES);
    }

    @Test
    void givingBackOnlyTheTargetsRightLeavesItsBranchWithout() {
        change(spammer, false, true, "a spam ring");

        change(ring1, true, false, "vouched for");

        assertThat(guestlist.invite(ring1).creatorId()).isEqualTo(ring1.id());
        assertMayNotInvite(guestlist, ring11, "a spam ring");
        assertMayNotInvite(guestlist, spammer, "a spam ring");
    }

    /**
     * A registration through an invite of the branch that commits while the right is being
     * withdrawn (staged here: it joins after the first pass over the branch) is reached too.
     */
    @Test
    void aNewcomerWhoJoinsTheBranchWhileTheRightIsWithdrawnLosesItToo() {
        AtomicInteger passes = new AtomicInteger();
        ForwardingModeration joinedMeanwhile = new ForwardingModeration(guestlist.store.moderation()) {
            @Override
            public long setInvitePermission(Scope scope, InvitePermission permission) {
                long changed = super.setInvitePermission(scope, permission);
                if (passes.incrementAndGet() == 1) {
                    guestlist
                            .store
                            .users()
                            .add(
                                    new NewUser(
                                            new Username("newcomer"),
                                            Optional.empty(),
                                            false,
                                            true,
                                            Optional.of(ring11.id()),
                                            guestlist.clock.instant()),
                                    "hash");
                }
                return changed;
            }
        };

        serviceOn(joinedMeanwhile)
                .changeInvitePermission(
                        new ChangeInvitePermissionCommand(guestlist.admin, spammer.id(), false, true, "a spam ring"));

        assertThat(passes).as("until a pass changes nobody").hasValue(3);
        LocalUser newcomer = guestlist.storedUser("newcomer").orElseThrow();
        assertThat(newcomer.invitePermission()).isEqualTo(InvitePermission.disabled("a spam ring"));
        assertThat(branches.log().get(0).affectedAccounts())
                .as("the branch and the newcomer")
                .isEqualTo(6);
    }

    @Test
    void withdrawingTwiceChangesNoAccountTheSecondTime() {
        change(spammer, false, true, "a spam ring");

        change(spammer, false, true, "a spam ring");

        assertThat(branches.log().get(0).affectedAccounts()).isZero();
        assertThat(branches.log().get(0).revokedInvites()).isZero();
    }

    @Test
    void anAdminIsNotATargetAndNothingIsWritten() {
        String before = guestlist.store.contents();

        assertRefused(() -> change(admin2, false, true, "no"), Rule.NOT_HIGHER_ADMIN);
        assertRefused(() -> change(guestlist.admin, false, false, "no"), Rule.NOT_HIGHER_ADMIN);
        assertRefused(() -> change(admin2, true, false, "no"), Rule.NOT_HIGHER_ADMIN);
        assertThat(guestlist.store.contents()).isEqualTo(before);
    }

    @Test
    void anUnknownAccountIsNotFoundAndNothingIsWritten() {
        String before = guestlist.store.contents();

        assertRefused(
                () -> permission.changeInvitePermission(new ChangeInvitePermissionCommand(
                        guestlist.admin, new LocalUserId(987_654), false, true, "gone")),
                Reason.NO_SUCH_ACCOUNT);
        assertThat(guestlist.store.contents()).isEqualTo(before);
    }

    @Test
    void onlyAdminsChangeTheRightAndNothingIsWritten() {
        String before = guestlist.store.contents();

        assertRefused(
                () -> permission.changeInvitePermission(
                        new ChangeInvitePermissionCommand(alice, spammer.id(), false, true, "mine")),
                Rule.ADMIN_ONLY);
        assertRefused(
                () -> permission.changeInvitePermission(
                        new ChangeInvitePermissionCommand(spammer, spammer.id(), true, false, "me")),
                Rule.ADMIN_ONLY);
        assertThat(guestlist.store.contents()).isEqualTo(before);
    }

    @Test
    void aReasonOverItsLengthIsRefusedAndNothingIsWritten() {
        String before = guestlist.store.contents();

        assertRefused(
                () -> change(spammer, false, true, "r".repeat(ModerationReason.MAX_LENGTH + 1)),
                Rule.MODERATION_REASON_LENGTH);
        assertRefused(
                () -> change(spammer, true, true, "r".repeat(ModerationReason.MAX_LENGTH + 1)),
                Rule.MODERATION_REASON_LENGTH);
        assertThat(guestlist.store.contents()).isEqualTo(before);
    }

    @Test
    void aFailureWritingTheLogLineUndoesTheChangeAndTheRevocation() {
        guestlist.invite(ring11);
        String before = guestlist.store.contents();
        ForwardingModeration failingLog = new ForwardingModeration(guestlist.store.moderation()) {
            @Override
            public ModerationEntry append(ModerationEntry.New entry) {
                throw new IllegalStateException("the log cannot be written");
            }
        };

        assertThatThrownBy(() -> serviceOn(failingLog)
                        .changeInvitePermission(
                                new ChangeInvitePermissionCommand(guestlist.admin, spammer.id(), false, true, "x")))
                .isInstanceOf(IllegalStateException.class);

        assertThat(guestlist.store.contents()).isEqualTo(before);
        assertThat(guestlist.invite(ring11).creatorId()).isEqualTo(ring11.id());
    }

    @Test
    void aFailureRevokingTheInvitesUndoesTheChangeOfTheRight() {
        String before = guestlist.store.contents();
        ForwardingModeration failingRevocation = new ForwardingModeration(guestlist.store.moderation()) {
            @Override
            public Revoked revokeInvites(Scope scope) {
                throw new IllegalStateException("the invites cannot be deleted");
            }
        };

        assertThatThrownBy(() -> serviceOn(failingRevocation)
                        .changeInvitePermission(
                                new ChangeInvitePermissionCommand(guestlist.admin, spammer.id(), false, true, "x")))
                .isInstanceOf(IllegalStateException.class);

        assertThat(guestlist.store.contents()).isEqualTo(before);
        assertThat(branches.stored(spammer).invitePermission()).isEqualTo(InvitePermission.ALLOWED);
    }

    private ChangeInvitePermissionService serviceOn(ForwardingModeration moderation) {
        return new ChangeInvitePermissionService(
                guestlist.store.transactions(), guestlist.store.users(), moderation, guestlist.clock);
    }
}
