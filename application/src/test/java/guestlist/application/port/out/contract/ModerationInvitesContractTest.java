package guestlist.application.port.out.contract;

import static guestlist.application.port.out.contract.Samples.T0;
import static guestlist.application.port.out.contract.Samples.at;
import static guestlist.application.port.out.contract.Samples.unlimitedInvite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.port.out.ModerationRepository;
import guestlist.application.port.out.ModerationRepository.Revoked;
import guestlist.domain.account.InvitePermission;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import guestlist.domain.moderation.ModerationAction;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.Scope;
import guestlist.domain.paging.PagePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The invite side of {@link ModerationRepository} and its log, for every adapter: the right to
 * invite and the revocation of invites on every account a {@link Scope} reaches (the target, with
 * invitees its branch at any depth, never an admin), and the log read newest first.
 */
public abstract class ModerationInvitesContractTest {

    private static final Instant NOW = at(3_600);

    protected abstract StoreFixture store();

    private int names;
    private int tokens;

    // founder -> spammer -> {a -> {a1 -> a11}, b, admin -> c}; bystander elsewhere
    private LocalUser founder;
    private LocalUser spammer;
    private LocalUser a;
    private LocalUser a1;
    private LocalUser a11;
    private LocalUser b;
    private LocalUser adminInBranch;
    private LocalUser c;
    private LocalUser bystander;

    @BeforeEach
    void resetStore() {
        store().reset();
        founder = account(Optional.empty(), false);
        spammer = account(Optional.of(founder), false);
        a = account(Optional.of(spammer), false);
        a1 = account(Optional.of(a), false);
        a11 = account(Optional.of(a1), false);
        b = account(Optional.of(spammer), false);
        adminInBranch = account(Optional.of(spammer), true);
        c = account(Optional.of(adminInBranch), false);
        bystander = account(Optional.empty(), false);
    }

    private <T> T tx(Supplier<T> work) {
        return store().transactions().inTransaction(work);
    }

    private ModerationRepository moderation() {
        return store().moderation();
    }

    private LocalUser account(Optional<LocalUser> inviter, boolean admin) {
        NewUser user = new NewUser(
                new Username("mod" + ++names), Optional.empty(), admin, true, inviter.map(LocalUser::id), T0);
        return tx(() -> store().users().add(user, "hash"));
    }

    private void invites(LocalUser creator, int count) {
        for (int i = 0; i < count; i++) {
            int n = ++tokens;
            tx(() -> store().invites().add(unlimitedInvite(n, creator.id())));
        }
    }

    private long invitesOf(LocalUser creator) {
        return tx(() -> store().invites().countUsable(creator.id(), NOW));
    }

    private InvitePermission permissionOf(LocalUser account) {
        return tx(() -> store().users().findById(account.id())).orElseThrow().invitePermission();
    }

    private long setPermission(LocalUser target, boolean includeInvitees, InvitePermission permission) {
        return tx(() -> moderation().setInvitePermission(new Scope(target.id(), includeInvitees), permission));
    }

    // --- the right to invite ---

    @Test
    void withdrawingTheRightReachesTheTargetOnlyWithoutInvitees() {
        InvitePermission disabled = InvitePermission.disabled("spam");

        assertThat(setPermission(spammer, false, disabled)).isEqualTo(1);

        assertThat(permissionOf(spammer)).isEqualTo(disabled);
        for (LocalUser other : List.of(founder, a, a1, a11, b, adminInBranch, c, bystander)) {
            assertThat(permissionOf(other)).as(other.name().value()).isEqualTo(InvitePermission.ALLOWED);
        }
    }

    @Test
    void withdrawingTheRightWithInviteesReachesTheWholeBranchButNoAdmin() {
        InvitePermission disabled = InvitePermission.disabled("a spam ring");

        assertThat(setPermission(spammer, true, disabled))
                .as("spammer, a, a1, a11, b, c")
                .isEqualTo(6);

        for (LocalUser reached : List.of(spammer, a, a1, a11, b, c)) {
            assertThat(permissionOf(reached)).as(reached.name().value()).isEqualTo(disabled);
        }
        for (LocalUser passedOver : List.of(founder, adminInBranch, bystander)) {
            assertThat(permissionOf(passedOver)).as(passedOver.name().value()).isEqualTo(InvitePermission.ALLOWED);
        }
    }

    @Test
    void onlyAccountsWhosePermissionChangesAreCounted() {
        InvitePermission disabled = InvitePermission.disabled("spam");
        setPermission(a, false, disabled);

        assertThat(setPermission(spammer, true, disabled))
                .as("a had it already")
                .isEqualTo(5);
        assertThat(setPermission(spammer, true, disabled)).isZero();
        assertThat(setPermission(spammer, true, InvitePermission.disabled("another reason")))
                .as("a new reason changes each")
                .isEqualTo(6);
        assertThat(permissionOf(a11)).isEqualTo(InvitePermission.disabled("another reason"));
    }

    @Test
    void givingTheRightBackClearsTheReason() {
        setPermission(spammer, true, InvitePermission.disabled("spam"));

        assertThat(setPermission(a, true, InvitePermission.ALLOWED))
                .as("a, a1, a11")
                .isEqualTo(3);

        assertThat(permissionOf(a)).isEqualTo(InvitePermission.ALLOWED);
        assertThat(permissionOf(a11)).isEqualTo(InvitePermission.ALLOWED);
        assertThat(permissionOf(spammer).canInvite()).isFalse();
        assertThat(permissionOf(b).canInvite()).isFalse();
        assertThat(setPermission(a, true, InvitePermission.ALLOWED)).isZero();
    }

    @Test
    void aScopeAimedAtAnAdminReachesOnlyTheNonAdminsBelowIt() {
        assertThat(setPermission(adminInBranch, false, InvitePermission.disabled("x")))
                .isZero();
        assertThat(setPermission(adminInBranch, true, InvitePermission.disabled("x")))
                .isEqualTo(1);

        assertThat(permissionOf(adminInBranch)).isEqualTo(InvitePermission.ALLOWED);
        assertThat(permissionOf(c).canInvite()).isFalse();
    }

    @Test
    void anUnknownTargetReachesNobody() {
        assertThat(tx(() -> moderation()
                        .setInvitePermission(
                                new Scope(new LocalUserId(987_654), true), InvitePermission.disabled("x"))))
                .isZero();
        assertThat(tx(() -> moderation().revokeInvites(new Scope(new LocalUserId(987_654), true))))
                .isEqualTo(new Revoked(0, 0));
    }

    @Test
    void aPermissionChangeRollsBackWithItsTransaction() {
        assertThatThrownBy(() -> tx(() -> {
                    moderation().setInvitePermission(new Scope(spammer.id(), true), InvitePermission.disabled("x"));
                    throw new IllegalStateException("the action fails after the change");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(permissionOf(spammer)).isEqualTo(InvitePermission.ALLOWED);
        assertThat(permissionOf(a11)).isEqualTo(InvitePermission.ALLOWED);
    }

    // --- revoking invites ---

    @Test
    void revokingReachesTheTargetOnlyWithoutInvitees() {
        invites(spammer, 3);
        invites(a, 2);

        Revoked revoked = tx(() -> moderation().revokeInvites(new Scope(spammer.id(), false)));

        assertThat(revoked).isEqualTo(new Revoked(1, 3));
        assertThat(invitesOf(spammer)).isZero();
        assertThat(invitesOf(a)).isEqualTo(2);
    }

    @Test
    void revokingWithInviteesCountsTheAccountsThatLostInvitesAndSparesAdmins() {
        invites(spammer, 3);
        invites(a11, 2);
        invites(c, 1);
        invites(adminInBranch, 4);
        invites(founder, 1);
        invites(bystander, 1);

        Revoked revoked = tx(() -> moderation().revokeInvites(new Scope(spammer.id(), true)));

        assertThat(revoked).as("a, a1 and b held none").isEqualTo(new Revoked(3, 6));
        for (LocalUser reached : List.of(spammer, a11, c)) {
            assertThat(invitesOf(reached)).isZero();
        }
        assertThat(invitesOf(adminInBranch)).isEqualTo(4);
        assertThat(invitesOf(founder)).isEqualTo(1);
        assertThat(invitesOf(bystander)).isEqualTo(1);
        assertThat(tx(() -> moderation().revokeInvites(new Scope(spammer.id(), true))))
                .isEqualTo(new Revoked(0, 0));
    }

    // --- the log ---

    private ModerationEntry.New entry(ModerationAction action, LocalUser target, long seconds) {
        return new ModerationEntry.New(
                action,
                adminInBranch.id(),
                new Scope(target.id(), seconds % 2 == 0),
                seconds,
                2 * seconds,
                "reason " + seconds,
                Optional.empty(),
                at(seconds));
    }

    private ModerationEntry append(ModerationEntry.New entry) {
        return tx(() -> moderation().append(entry));
    }

    private List<ModerationEntry> log(Optional<PagePosition> before, int limit) {
        return tx(() -> moderation().log(before, limit));
    }

    @Test
    void anEmptyLogReadsEmpty() {
        assertThat(log(Optional.empty(), 20)).isEmpty();
    }

    @Test
    void anAppendedEntryIsReadBackWithEveryField() {
        ModerationEntry.New ban = new ModerationEntry.New(
                ModerationAction.BAN,
                adminInBranch.id(),
                new Scope(spammer.id(), true),
                6,
                11,
                "a spam ring; \"quoted\" and 'quoted'",
                Optional.of(at(86_400)),
                at(60));
        ModerationEntry.New revokeAll = entry(ModerationAction.REVOKE_ALL, a, 0);

        ModerationEntry storedBan = append(ban);
        ModerationEntry storedRevokeAll = append(revokeAll);

        assertThat(storedBan).isEqualTo(ban.withId(storedBan.id()));
        assertThat(log(Optional.empty(), 20)).containsExactly(storedRevokeAll, storedBan);
        assertThat(storedRevokeAll.expiresAt()).isEmpty();
        assertThat(storedRevokeAll.affectedAccounts()).isZero();
    }

    @Test
    void everyActionIsLoggedAsItself() {
        List<ModerationEntry> appended = new ArrayList<>();
        long second = 1;
        for (ModerationAction action : ModerationAction.values()) {
            appended.add(append(entry(action, b, second++)));
        }

        assertThat(log(Optional.empty(), 20))
                .extracting(ModerationEntry::action)
                .containsExactly(
                        ModerationAction.ENABLE_INVITES,
                        ModerationAction.DISABLE_INVITES,
                        ModerationAction.REVOKE_ALL,
                        ModerationAction.UNBAN,
                        ModerationAction.BAN);
        assertThat(log(Optional.empty(), 20)).containsExactlyInAnyOrderElementsOf(appended);
    }

    @Test
    void theLogIsNewestFirstAndPagedBelowTheLastEntryServed() {
        List<ModerationEntry> appended = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            appended.add(append(entry(ModerationAction.REVOKE_ALL, i % 2 == 0 ? a : b, i)));
        }
        List<ModerationEntry> newestFirst = new ArrayList<>(appended);
        java.util.Collections.reverse(newestFirst);

        List<ModerationEntry> first = log(Optional.empty(), 3);
        List<ModerationEntry> second =
                log(Optional.of(new PagePosition(first.get(2).id().value())), 3);
        List<ModerationEntry> third =
                log(Optional.of(new PagePosition(second.get(2).id().value())), 3);

        assertThat(first).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(second).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(third).containsExactlyElementsOf(newestFirst.subList(6, 7));
        assertThat(log(Optional.of(new PagePosition(appended.get(0).id().value())), 3))
                .isEmpty();
    }

    @Test
    void anEntryIsWrittenInTheCallersTransactionAndRollsBackWithIt() {
        assertThatThrownBy(() -> tx(() -> {
                    moderation().append(entry(ModerationAction.REVOKE_ALL, a, 1));
                    throw new IllegalStateException("the action fails after its log line");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(log(Optional.empty(), 20)).isEmpty();
    }
}
