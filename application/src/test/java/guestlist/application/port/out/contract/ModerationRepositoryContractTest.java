package guestlist.application.port.out.contract;

import static guestlist.application.port.out.contract.Samples.T0;
import static guestlist.application.port.out.contract.Samples.at;
import static guestlist.application.port.out.contract.Samples.unlimitedInvite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.port.out.ModerationRepository;
import guestlist.application.port.out.ModerationRepository.Revoked;
import guestlist.domain.account.Ban;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import guestlist.domain.invite.Invite;
import guestlist.domain.moderation.ModerationAction;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ModerationRepository}, for every adapter, on this invite tree (ids as
 * the store hands them out):
 *
 * <pre>
 * top ── mid ──┬── low ── lowest
 *              └── staff (an admin)  ── staffs_guest
 * top ── sibling
 * outsider (no inviter)
 * </pre>
 */
public abstract class ModerationRepositoryContractTest {

    private static final Instant NOW = at(3_600);

    protected abstract StoreFixture store();

    private LocalUser top;
    private LocalUser mid;
    private LocalUser low;
    private LocalUser lowest;
    private LocalUser staff;
    private LocalUser staffsGuest;
    private LocalUser sibling;
    private LocalUser outsider;

    @BeforeEach
    void resetStoreAndGrowTheTree() {
        store().reset();
        top = add("top", false, Optional.empty());
        mid = add("mid", false, Optional.of(top));
        low = add("low", false, Optional.of(mid));
        lowest = add("lowest", false, Optional.of(low));
        staff = add("staff", true, Optional.of(mid));
        staffsGuest = add("staffs_guest", false, Optional.of(staff));
        sibling = add("sibling", false, Optional.of(top));
        outsider = add("outsider", false, Optional.empty());
    }

    private <T> T tx(Supplier<T> work) {
        return store().transactions().inTransaction(work);
    }

    private ModerationRepository moderation() {
        return store().moderation();
    }

    private LocalUser add(String name, boolean admin, Optional<LocalUser> inviter) {
        return tx(() -> store().users()
                .add(
                        new NewUser(new Username(name), Optional.empty(), admin, true, inviter.map(LocalUser::id), T0),
                        "hash"));
    }

    private LocalUser stored(LocalUser user) {
        return tx(() -> store().users().findById(user.id())).orElseThrow();
    }

    private static Ban ban(String reason, Optional<Instant> expiresAt) {
        return new Ban(reason, expiresAt, NOW);
    }

    /** One moderation transaction that bans, as the use case runs it: serialized first. */
    private long ban(Scope scope, Ban ban, Instant now) {
        return tx(() -> {
            moderation().serialize();
            return moderation().ban(scope, ban, now);
        });
    }

    private Invite invite(int n, LocalUser creator) {
        return tx(() -> store().invites().add(unlimitedInvite(n, creator.id())));
    }

    private boolean inviteExists(Invite invite) {
        return tx(() -> store().invites().findByToken(invite.token())).isPresent();
    }

    private void session(String hash, LocalUser user) {
        store().transactions().run(() -> store().sessions().add(hash, user.id(), T0, Optional.empty()));
    }

    private boolean sessionExists(String hash) {
        return tx(() -> store().sessions().findUser(hash, NOW)).isPresent();
    }

    private List<LocalUser> everyone() {
        return List.of(top, mid, low, lowest, staff, staffsGuest, sibling, outsider);
    }

    private List<LocalUser> bannedAt(Instant now) {
        return everyone().stream().filter(user -> stored(user).bannedAt(now)).toList();
    }

    // ---------------------------------------------------------------- ban

    @Test
    void banOfTheTargetAloneBansOnlyItAndStoresTheTerms() {
        Ban ban = ban("spam", Optional.of(at(7_200)));
        LocalUser before = stored(mid);

        assertThat(ban(new Scope(mid.id(), false), ban, NOW)).isEqualTo(1);

        assertThat(stored(mid).ban()).contains(ban);
        assertThat(stored(mid)).as("nothing else changes").isEqualTo(before.withBan(Optional.of(ban)));
        assertThat(bannedAt(NOW)).containsExactly(mid);
    }

    @Test
    void banWithInviteesReachesTheWholeBranchAtAnyDepthButNoAdmin() {
        Ban ban = ban("a ring of spammers", Optional.empty());

        assertThat(ban(new Scope(mid.id(), true), ban, NOW))
                .as("mid, low, lowest and staff's guest; staff is an admin")
                .isEqualTo(4);

        assertThat(bannedAt(NOW)).containsExactlyInAnyOrder(mid, low, lowest, staffsGuest);
        assertThat(stored(staffsGuest).ban()).contains(ban);
        assertThat(stored(staff).ban()).isEmpty();
    }

    @Test
    void banOfTheTopOfATreeLeavesOtherTreesAlone() {
        assertThat(ban(new Scope(top.id(), true), ban("all of it", Optional.empty()), NOW))
                .isEqualTo(6);

        assertThat(bannedAt(NOW)).containsExactlyInAnyOrder(top, mid, low, lowest, staffsGuest, sibling);
        assertThat(stored(outsider).ban()).isEmpty();
    }

    @Test
    void banOnTheSameTermsAgainChangesNothing() {
        Ban ban = ban("spam", Optional.of(at(7_200)));
        ban(new Scope(mid.id(), true), ban, NOW);

        assertThat(ban(new Scope(mid.id(), true), ban, NOW)).isZero();
        assertThat(ban(new Scope(mid.id(), true), new Ban("spam", Optional.of(at(7_200)), NOW.plusSeconds(5)), NOW))
                .as("the same reason and end, imposed a moment later")
                .isZero();
        assertThat(stored(mid).ban()).contains(ban);
    }

    @Test
    void banOnOtherTermsReplacesTheBanOfEveryAccountItReaches() {
        ban(new Scope(low.id(), false), ban("spam", Optional.empty()), NOW);
        Ban longer = ban("spam", Optional.of(at(99_999)));

        assertThat(ban(new Scope(mid.id(), true), longer, NOW))
                .as("low's ban has another end: replaced too")
                .isEqualTo(4);
        assertThat(ban(new Scope(mid.id(), true), ban("other reason", Optional.of(at(99_999))), NOW))
                .isEqualTo(4);
        assertThat(stored(low).ban().map(Ban::reason)).contains("other reason");
    }

    @Test
    void anAccountWhoseBanHasEndedIsBannedAgain() {
        Ban ended = new Ban("spam", Optional.of(NOW), T0);
        ban(new Scope(low.id(), false), ended, T0);
        assertThat(stored(low).bannedAt(NOW)).as("the ban ended at NOW").isFalse();

        assertThat(ban(new Scope(low.id(), false), new Ban("spam", Optional.of(NOW), NOW), NOW))
                .as("the same terms, but that ban holds no longer")
                .isEqualTo(1);
    }

    @Test
    void aScopeAimedAtAnAdminPassesOverTheAdmin() {
        assertThat(ban(new Scope(staff.id(), true), ban("no", Optional.empty()), NOW))
                .as("the target is an admin; its guest is below it")
                .isEqualTo(1);
        assertThat(bannedAt(NOW)).containsExactly(staffsGuest);
    }

    @Test
    void banOfAnUnknownAccountChangesNothing() {
        assertThat(ban(new Scope(new LocalUserId(424_242), true), ban("x", Optional.empty()), NOW))
                .isZero();
        assertThat(bannedAt(NOW)).isEmpty();
    }

    @Test
    void banInAFailingTransactionIsUndone() {
        assertThatThrownBy(() -> store().transactions().run(() -> {
                    moderation().ban(new Scope(mid.id(), true), ban("x", Optional.empty()), NOW);
                    throw new IllegalStateException("the block fails after the ban");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(bannedAt(NOW)).isEmpty();
    }

    @Test
    void aBanWithAnEndHoldsUntilThenAndNoLonger() {
        ban(new Scope(mid.id(), false), ban("a week off", Optional.of(NOW.plus(Duration.ofDays(7)))), NOW);

        assertThat(stored(mid).bannedAt(NOW.plus(Duration.ofDays(7)).minusSeconds(1)))
                .isTrue();
        assertThat(stored(mid).bannedAt(NOW.plus(Duration.ofDays(7)))).isFalse();
    }

    // ---------------------------------------------------------------- unban

    @Test
    void unbanLiftsTheBansThatHoldInTheScope() {
        ban(new Scope(top.id(), true), ban("all", Optional.empty()), NOW);

        assertThat(tx(() -> moderation().unban(new Scope(mid.id(), true), NOW))).isEqualTo(4);

        assertThat(bannedAt(NOW)).containsExactlyInAnyOrder(top, sibling);
        assertThat(stored(low).ban()).isEmpty();
    }

    @Test
    void unbanOfTheTargetAloneLiftsOnlyItsBan() {
        ban(new Scope(mid.id(), true), ban("all", Optional.empty()), NOW);

        assertThat(tx(() -> moderation().unban(new Scope(mid.id(), false), NOW)))
                .isEqualTo(1);

        assertThat(bannedAt(NOW)).containsExactlyInAnyOrder(low, lowest, staffsGuest);
    }

    @Test
    void unbanCountsNeitherEndedBansNorAccountsNeverBanned() {
        ban(new Scope(low.id(), false), ban("short", Optional.of(NOW.plusSeconds(10))), NOW);
        ban(new Scope(lowest.id(), false), ban("long", Optional.empty()), NOW);

        assertThat(tx(() -> moderation().unban(new Scope(mid.id(), true), NOW.plusSeconds(10))))
                .as("low's ban ended by itself; only lowest's is lifted")
                .isEqualTo(1);
        assertThat(tx(() -> moderation().unban(new Scope(mid.id(), true), NOW.plusSeconds(10))))
                .isZero();
        assertThat(stored(lowest).ban()).as("lifted").isEmpty();
        assertThat(stored(low).ban())
                .as("an ended ban is left as it is, in the past")
                .isPresent();
    }

    // ---------------------------------------------------------------- invites and sessions

    @Test
    void revokeInvitesDeletesTheInvitesOfEveryAccountReachedAndCountsThem() {
        Invite midsFirst = invite(1, mid);
        Invite midsSecond = invite(2, mid);
        Invite lowests = invite(3, lowest);
        Invite staffs = invite(4, staff);
        Invite guests = invite(5, staffsGuest);
        Invite tops = invite(6, top);
        Invite outsiders = invite(7, outsider);

        Revoked revoked = tx(() -> moderation().revokeInvites(new Scope(mid.id(), true)));

        assertThat(revoked).isEqualTo(new Revoked(3, 4));
        assertThat(List.of(midsFirst, midsSecond, lowests, guests)).noneMatch(this::inviteExists);
        assertThat(List.of(staffs, tops, outsiders))
                .as("the admin's, above the branch, another tree")
                .allMatch(this::inviteExists);
    }

    @Test
    void revokeInvitesOfTheTargetAloneKeepsItsInvitees() {
        Invite mids = invite(1, mid);
        Invite lows = invite(2, low);

        assertThat(tx(() -> moderation().revokeInvites(new Scope(mid.id(), false))))
                .isEqualTo(new Revoked(1, 1));
        assertThat(inviteExists(mids)).isFalse();
        assertThat(inviteExists(lows)).isTrue();
        assertThat(tx(() -> moderation().revokeInvites(new Scope(mid.id(), false))))
                .isEqualTo(new Revoked(0, 0));
    }

    @Test
    void endSessionsEndsEverySessionOfEveryAccountReached() {
        session("mid-1", mid);
        session("mid-2", mid);
        session("lowest", lowest);
        session("staff", staff);
        session("guest", staffsGuest);
        session("top", top);

        store().transactions().run(() -> moderation().endSessions(new Scope(mid.id(), true)));

        assertThat(List.of("mid-1", "mid-2", "lowest", "guest")).noneMatch(this::sessionExists);
        assertThat(List.of("staff", "top")).allMatch(this::sessionExists);
    }

    @Test
    void endSessionsOfTheTargetAloneKeepsItsInviteesSessions() {
        session("mid", mid);
        session("low", low);

        store().transactions().run(() -> moderation().endSessions(new Scope(mid.id(), false)));

        assertThat(sessionExists("mid")).isFalse();
        assertThat(sessionExists("low")).isTrue();
    }

    // ---------------------------------------------------------------- the log and serialization

    @Test
    void appendGivesEachEntryAnIdOfItsOwnAndKeepsEveryField() {
        ModerationEntry.New ban = new ModerationEntry.New(
                ModerationAction.BAN, staff.id(), new Scope(mid.id(), true), 4, 7, "spam", Optional.of(at(9_000)), NOW);
        ModerationEntry.New unban = new ModerationEntry.New(
                ModerationAction.UNBAN, staff.id(), new Scope(mid.id(), false), 1, 0, "", Optional.empty(), NOW);

        ModerationEntry first = tx(() -> moderation().append(ban));
        ModerationEntry second = tx(() -> moderation().append(unban));

        assertThat(first).isEqualTo(ban.withId(first.id()));
        assertThat(second).isEqualTo(unban.withId(second.id()));
        assertThat(second.id().value()).isGreaterThan(first.id().value());
    }

    /**
     * A transaction that has called {@code serialize} keeps every other one that calls it waiting
     * until it ends.
     */
    @Test
    void serializeHoldsEveryOtherModerationUntilTheTransactionEnds() throws Exception {
        CountDownLatch serialized = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first =
                CompletableFuture.runAsync(() -> store().transactions().run(() -> {
                    moderation().serialize();
                    serialized.countDown();
                    await(release);
                }));
        assertThat(serialized.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Long> second =
                CompletableFuture.supplyAsync(() -> ban(new Scope(mid.id(), false), ban("x", Optional.empty()), NOW));

        assertThatThrownBy(() -> second.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
