package guestlist.application.port.out.contract;

import static guestlist.application.port.out.contract.Samples.T0;
import static guestlist.application.port.out.contract.Samples.at;
import static guestlist.application.port.out.contract.Samples.unlimitedInvite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.port.out.ModerationRepository;
import guestlist.application.port.out.ModerationRepository.Batch;
import guestlist.application.port.out.ModerationRepository.Position;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
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

    /** Accounts per batch in these tests: the tree's scopes take up to four batches. */
    private static final int BATCH = 2;

    /**
     * One moderation transaction that bans, as the use case runs it: serialized first, then batch
     * after batch until one comes back short; returns how many accounts it banned.
     */
    private long ban(Scope scope, Ban ban, Instant now) {
        return tx(() -> {
            moderation().serialize();
            return banInBatches(scope, ban, now).changed();
        });
    }

    /** One pass of batches over the scope, in the caller's transaction; the totals. */
    private Batch banInBatches(Scope scope, Ban ban, Instant now) {
        return inBatches(after -> moderation().ban(scope, ban, now, after, BATCH));
    }

    /** One transaction that lifts the bans of the scope, batch after batch; how many it lifted. */
    private long unban(Scope scope, Instant now) {
        return tx(() -> inBatches(after -> moderation().unban(scope, now, after, BATCH)))
                .changed();
    }

    /** Batches until one comes back short: the sum of their counts, and the last place. */
    private static Batch inBatches(Function<Optional<Position>, Batch> next) {
        Optional<Position> after = Optional.empty();
        int examined = 0;
        long changed = 0;
        long revoked = 0;
        Batch batch;
        do {
            batch = next.apply(after);
            examined += batch.examined();
            changed += batch.changed();
            revoked += batch.revokedInvites();
            after = batch.last();
        } while (batch.full(BATCH));
        return new Batch(examined, changed, revoked, after);
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
                    banInBatches(new Scope(mid.id(), true), ban("x", Optional.empty()), NOW);
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

        assertThat(unban(new Scope(mid.id(), true), NOW)).isEqualTo(4);

        assertThat(bannedAt(NOW)).containsExactlyInAnyOrder(top, sibling);
        assertThat(stored(low).ban()).isEmpty();
    }

    @Test
    void unbanOfTheTargetAloneLiftsOnlyItsBan() {
        ban(new Scope(mid.id(), true), ban("all", Optional.empty()), NOW);

        assertThat(unban(new Scope(mid.id(), false), NOW)).isEqualTo(1);

        assertThat(bannedAt(NOW)).containsExactlyInAnyOrder(low, lowest, staffsGuest);
    }

    @Test
    void unbanCountsNeitherEndedBansNorAccountsNeverBanned() {
        ban(new Scope(low.id(), false), ban("short", Optional.of(NOW.plusSeconds(10))), NOW);
        ban(new Scope(lowest.id(), false), ban("long", Optional.empty()), NOW);

        assertThat(unban(new Scope(mid.id(), true), NOW.plusSeconds(10)))
                .as("low's ban ended by itself; only lowest's is lifted")
                .isEqualTo(1);
        assertThat(unban(new Scope(mid.id(), true), NOW.plusSeconds(10))).isZero();
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
    void banEndsEverySessionAndDeletesEveryInviteOfEveryAccountReached() {
        session("mid-1", mid);
        session("mid-2", mid);
        session("lowest", lowest);
        session("staff", staff);
        session("guest", staffsGuest);
        session("top", top);
        Invite mids = invite(1, mid);
        Invite lowests = invite(2, lowest);
        Invite staffs = invite(3, staff);
        Invite guests = invite(4, staffsGuest);
        Invite tops = invite(5, top);

        Batch total = tx(() -> banInBatches(new Scope(mid.id(), true), ban("ring", Optional.empty()), NOW));

        assertThat(total.revokedInvites()).isEqualTo(3);
        assertThat(List.of("mid-1", "mid-2", "lowest", "guest")).noneMatch(this::sessionExists);
        assertThat(List.of("staff", "top")).allMatch(this::sessionExists);
        assertThat(List.of(mids, lowests, guests)).noneMatch(this::inviteExists);
        assertThat(List.of(staffs, tops)).as("the admin's, above the branch").allMatch(this::inviteExists);
    }

    @Test
    void banOfTheTargetAloneKeepsItsInviteesSessionsAndInvites() {
        session("mid", mid);
        session("low", low);
        Invite lows = invite(1, low);

        ban(new Scope(mid.id(), false), ban("x", Optional.empty()), NOW);

        assertThat(sessionExists("mid")).isFalse();
        assertThat(sessionExists("low")).isTrue();
        assertThat(inviteExists(lows)).isTrue();
    }

    /**
     * A ban ends the sessions and deletes the invites of the accounts it reaches also when they are
     * banned on these terms already (and so not counted): whatever an earlier ban left.
     */
    @Test
    void banDeletesTheInvitesOfAccountsBannedBeforeWithoutCountingThem() {
        Ban ring = ban("ring", Optional.empty());
        ban(new Scope(low.id(), false), ring, NOW);
        Invite lows = invite(1, low);
        session("low", low);

        Batch total = tx(() -> banInBatches(new Scope(mid.id(), true), ring, NOW));

        assertThat(total.changed())
                .as("mid, lowest, staff's guest; low was banned so already")
                .isEqualTo(3);
        assertThat(total.revokedInvites()).isEqualTo(1);
        assertThat(inviteExists(lows)).isFalse();
        assertThat(sessionExists("low")).isFalse();
    }

    // ---------------------------------------------------------------- batches

    /**
     * The order of a scope: the target, then its branch by depth, then id (admins have places too);
     * each batch takes the next places, says the last, and the one that comes back short ends it.
     */
    @Test
    void batchesGoThroughTheScopeInItsOrder() {
        Ban ban = ban("all of it", Optional.empty());
        Scope scope = new Scope(top.id(), true);
        List<Batch> batches = tx(() -> {
            List<Batch> taken = new ArrayList<>();
            Optional<Position> after = Optional.empty();
            for (int i = 0; i < 5; i++) {
                Batch batch = moderation().ban(scope, ban, NOW, after, BATCH);
                taken.add(batch);
                after = batch.last().isPresent() ? batch.last() : after;
            }
            return taken;
        });

        assertThat(batches)
                .containsExactly(
                        new Batch(2, 2, 0, Optional.of(new Position(1, mid.id()))),
                        new Batch(2, 2, 0, Optional.of(new Position(2, low.id()))),
                        new Batch(2, 1, 0, Optional.of(new Position(3, lowest.id()))),
                        new Batch(1, 1, 0, Optional.of(new Position(3, staffsGuest.id()))),
                        new Batch(0, 0, 0, Optional.empty()));
        assertThat(batches.get(3).full(BATCH)).isFalse();
        assertThat(bannedAt(NOW)).containsExactlyInAnyOrder(top, mid, low, lowest, staffsGuest, sibling);
    }

    @Test
    void aBatchReachesOnlyItsPlaces() {
        Invite tops = invite(1, top);
        Invite siblings = invite(2, sibling);
        session("top", top);
        session("sibling", sibling);

        Batch first = tx(() ->
                moderation().ban(new Scope(top.id(), true), ban("x", Optional.empty()), NOW, Optional.empty(), BATCH));

        assertThat(first).isEqualTo(new Batch(2, 2, 1, Optional.of(new Position(1, mid.id()))));
        assertThat(bannedAt(NOW)).containsExactlyInAnyOrder(top, mid);
        assertThat(inviteExists(tops)).isFalse();
        assertThat(inviteExists(siblings)).as("the next batch's").isTrue();
        assertThat(sessionExists("top")).isFalse();
        assertThat(sessionExists("sibling")).isTrue();
    }

    @Test
    void batchesOfTheTargetAloneTakeOnlyTheTarget() {
        Batch only = tx(() ->
                moderation().ban(new Scope(mid.id(), false), ban("x", Optional.empty()), NOW, Optional.empty(), 10));
        Batch after = tx(
                () -> moderation().ban(new Scope(mid.id(), false), ban("x", Optional.empty()), NOW, only.last(), 10));

        assertThat(only).isEqualTo(new Batch(1, 1, 0, Optional.of(new Position(0, mid.id()))));
        assertThat(after).isEqualTo(new Batch(0, 0, 0, Optional.empty()));
    }

    @Test
    void unbanBatchesGoThroughTheScopeInTheSameOrder() {
        ban(new Scope(top.id(), true), ban("all", Optional.empty()), NOW);

        Batch first = tx(() -> moderation().unban(new Scope(top.id(), true), NOW, Optional.empty(), 3));
        Batch second = tx(() -> moderation().unban(new Scope(top.id(), true), NOW, first.last(), 3));

        assertThat(first).isEqualTo(new Batch(3, 3, 0, Optional.of(new Position(1, sibling.id()))));
        assertThat(second).isEqualTo(new Batch(3, 2, 0, Optional.of(new Position(3, lowest.id()))));
        assertThat(bannedAt(NOW)).containsExactly(staffsGuest);
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
