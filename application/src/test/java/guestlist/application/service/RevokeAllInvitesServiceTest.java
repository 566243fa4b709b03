package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.port.in.RevokeAllInvitesCommand;
import guestlist.application.port.in.RevokeAllInvitesUseCase;
import guestlist.application.port.in.RevokedInvites;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.ModerationReason;
import guestlist.domain.invite.Invite;
import guestlist.domain.moderation.ModerationAction;
import guestlist.domain.moderation.ModerationEntry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevokeAllInvitesServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final InviteBranches branches = new InviteBranches(guestlist);
    private final RevokeAllInvitesUseCase revokeAll = guestlist.app.useCases().revokeAllInvites();

    // alice -> spammer -> {ring1 -> ring11, ring2, admin2 -> ring3}
    private final LocalUser alice = guestlist.member("alice");
    private final LocalUser spammer = branches.invitedBy(alice, "spammer");
    private final LocalUser ring1 = branches.invitedBy(spammer, "ring1");
    private final LocalUser ring11 = branches.invitedBy(ring1, "ring11");
    private final LocalUser ring2 = branches.invitedBy(spammer, "ring2");
    private final LocalUser admin2 = branches.adminInvitedBy(spammer, "admin2");
    private final LocalUser ring3 = branches.invitedBy(admin2, "ring3");

    private RevokedInvites revoke(LocalUser target, boolean includeInvitees, String reason) {
        return revokeAll.revokeAllInvites(
                new RevokeAllInvitesCommand(guestlist.admin, target.id(), includeInvitees, reason));
    }

    @Test
    void theTargetLosesEveryInviteAndTheLogSaysSo() {
        guestlist.invite(spammer);
        guestlist.invite(spammer);
        guestlist.clock.advance(Duration.ofMinutes(5));

        RevokedInvites revoked = revoke(spammer, false, "invites sold online");

        assertThat(revoked).as("the two, and the one its invitees used").isEqualTo(new RevokedInvites(3, 1));
        assertThat(branches.usableInvites(spammer)).isZero();
        assertThat(branches.usableInvites(ring1)).as("its invitees keep theirs").isEqualTo(1);
        List<ModerationEntry> log = branches.log();
        assertThat(log).hasSize(1);
        ModerationEntry entry = log.get(0);
        assertThat(entry.action()).isEqualTo(ModerationAction.REVOKE_ALL);
        assertThat(entry.admin()).isEqualTo(guestlist.admin.id());
        assertThat(entry.target()).isEqualTo(spammer.id());
        assertThat(entry.includeInvitees()).isFalse();
        assertThat(entry.affectedAccounts()).isEqualTo(1);
        assertThat(entry.revokedInvites()).isEqualTo(3);
        assertThat(entry.reason()).isEqualTo("invites sold online");
        assertThat(entry.expiresAt()).isEmpty();
        assertThat(entry.publishedAt()).isEqualTo(guestlist.clock.instant());
    }

    @Test
    void withInviteesTheWholeBranchLosesItsInvitesButAdminsInsideKeepTheirs() {
        Invite ring11sInvite = guestlist.invite(ring11);
        guestlist.invite(admin2);

        RevokedInvites revoked = revoke(spammer, true, "a spam ring");

        // spammer's, ring1's and admin2's invites were used to build the branch; ring11 made one; ring3 none
        assertThat(revoked).isEqualTo(new RevokedInvites(3, 3));
        for (LocalUser member : List.of(spammer, ring1, ring11, ring2, ring3)) {
            assertThat(branches.usableInvites(member)).as(member.name().value()).isZero();
        }
        assertThat(branches.usableInvites(admin2)).isEqualTo(2);
        assertThat(branches.usableInvites(alice)).isEqualTo(1);
        assertThat(guestlist.isValid(ring11sInvite)).isFalse();
        assertThat(branches.log().get(0).includeInvitees()).isTrue();
        assertThat(branches.log().get(0).affectedAccounts()).isEqualTo(3);
    }

    @Test
    void revokingLeavesTheRightToInvite() {
        revoke(spammer, true, "clean slate");

        assertThat(guestlist.invite(spammer).creatorId()).isEqualTo(spammer.id());
        assertThat(branches.stored(ring1).invitePermission().canInvite()).isTrue();
    }

    @Test
    void revokingWhatIsAlreadyGoneChangesNothingButIsLogged() {
        revoke(spammer, true, "first");

        assertThat(revoke(spammer, true, "again")).isEqualTo(new RevokedInvites(0, 0));
        assertThat(branches.log()).extracting(ModerationEntry::reason).containsExactly("again", "first");
    }

    @Test
    void anAdminIsNotATargetAndNothingIsWritten() {
        guestlist.invite(admin2);
        String before = guestlist.store.contents();

        assertRefused(() -> revoke(admin2, true, "no"), Rule.NOT_HIGHER_ADMIN);
        assertRefused(() -> revoke(guestlist.admin, false, "no"), Rule.NOT_HIGHER_ADMIN);
        assertThat(guestlist.store.contents()).isEqualTo(before);
    }

    @Test
    void anUnknownAccountIsNotFoundAndNothingIsWritten() {
        String before = guestlist.store.contents();

        assertRefused(
                () -> revokeAll.revokeAllInvites(
                        new RevokeAllInvitesCommand(guestlist.admin, new LocalUserId(987_654), true, "gone")),
                Reason.NO_SUCH_ACCOUNT);
        assertThat(guestlist.store.contents()).isEqualTo(before);
    }

    @Test
    void onlyAdminsRevokeAndNothingIsWritten() {
        String before = guestlist.store.contents();

        assertRefused(
                () -> revokeAll.revokeAllInvites(new RevokeAllInvitesCommand(alice, spammer.id(), true, "mine")),
                Rule.ADMIN_ONLY);
        assertThat(guestlist.store.contents()).isEqualTo(before);
    }

    @Test
    void aReasonOverItsLengthIsRefusedAndNothingIsWritten() {
        String before = guestlist.store.contents();

        assertRefused(
                () -> revoke(spammer, true, "r".repeat(ModerationReason.MAX_LENGTH + 1)),
                Rule.MODERATION_REASON_LENGTH);
        assertThat(guestlist.store.contents()).isEqualTo(before);
        assertThat(revoke(spammer, false, "r".repeat(ModerationReason.MAX_LENGTH))
                        .revokedInvites())
                .isEqualTo(1);
    }

    @Test
    void aFailureWritingTheLogLineUndoesTheRevocation() {
        String before = guestlist.store.contents();
        ForwardingModeration failingLog = new ForwardingModeration(guestlist.store.moderation()) {
            @Override
            public ModerationEntry append(ModerationEntry.New entry) {
                throw new IllegalStateException("the log cannot be written");
            }
        };
        RevokeAllInvitesService service = new RevokeAllInvitesService(
                guestlist.store.transactions(), guestlist.store.users(), failingLog, guestlist.clock);

        assertThatThrownBy(() -> service.revokeAllInvites(
                        new RevokeAllInvitesCommand(guestlist.admin, spammer.id(), true, "spam")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(guestlist.store.contents()).isEqualTo(before);
        assertThat(branches.usableInvites(spammer)).isEqualTo(1);
    }
}
