package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static guestlist.application.service.Guestlist.form;
import static guestlist.testsupport.Credentials.ADMIN_NAME;
import static guestlist.testsupport.Credentials.ADMIN_PASSWORD;
import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.inmemory.InMemoryApplication;
import guestlist.application.inmemory.InMemoryStore;
import guestlist.application.inmemory.MutableClock;
import guestlist.application.port.in.BanPersonCommand;
import guestlist.application.port.in.BanPersonResult;
import guestlist.application.port.in.CreateInviteCommand;
import guestlist.application.port.in.LoginCommand;
import guestlist.application.port.in.RegisterCommand;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.InviteBranchRepository;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.ModerationRepository;
import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.application.port.out.SessionRepository;
import guestlist.application.port.out.SiteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.application.port.out.contract.StoreFixture;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.Ban;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.PersonId;
import guestlist.domain.account.Username;
import guestlist.domain.invite.Invite;
import guestlist.domain.moderation.ModerationAction;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.Scope;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Banning and lifting bans through the use cases on the in-memory store, with the log entries
 * each action appends recorded on their way to the store.
 */
class BanPersonServiceTest {

    private final InMemoryStore store = new InMemoryStore();
    private final RecordingModeration moderation = new RecordingModeration(store.moderation());
    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryApplication app = new InMemoryApplication(new Recorded(store, moderation), clock);
    private final LocalUser admin = app.createAdmin(ADMIN_NAME, ADMIN_PASSWORD);

    /** The tree: alice ── bob ── carol; alice ── dave; eve stands alone. Everyone logged in once. */
    private final LocalUser alice;

    private final LocalUser bob;
    private final LocalUser carol;
    private final LocalUser dave;
    private final LocalUser eve;

    BanPersonServiceTest() {
        mode(RegistrationMode.OPEN);
        alice = registered("alice", Optional.empty());
        bob = registered("bob", Optional.of(invite(alice)));
        carol = registered("carol", Optional.of(invite(bob)));
        dave = registered("dave", Optional.of(invite(alice)));
        eve = registered("eve", Optional.empty());
        mode(RegistrationMode.REQUIRE_INVITATION);
    }

    // ---------------------------------------------------------------- steps

    private void mode(RegistrationMode mode) {
        app.useCases()
                .editSite()
                .editSite(
                        admin,
                        new SiteChanges(Optional.empty(), Optional.of(mode), Optional.empty(), Optional.empty()));
    }

    private LocalUser registered(String name, Optional<Invite> invite) {
        RegisterCommand command = invite.map(used -> form(name).token(used))
                .orElseGet(() -> form(name))
                .command();
        String session =
                app.useCases().register().register(command).sessionToken().orElseThrow();
        return app.useCases().authenticate().authenticate(session);
    }

    private Invite invite(LocalUser creator) {
        return app.useCases()
                .createInvite()
                .createInvite(new CreateInviteCommand(creator, Optional.empty(), Optional.empty()));
    }

    private BanPersonResult ban(LocalUser target, boolean includeInvitees) {
        return ban(target, "spam", Optional.empty(), includeInvitees);
    }

    private BanPersonResult ban(LocalUser target, String reason, Optional<Instant> expiresAt, boolean includeInvitees) {
        return app.useCases()
                .banPerson()
                .banPerson(new BanPersonCommand(admin, target.personId(), true, reason, expiresAt, includeInvitees));
    }

    private BanPersonResult unban(LocalUser target, boolean includeInvitees) {
        return app.useCases()
                .banPerson()
                .banPerson(new BanPersonCommand(
                        admin, target.personId(), false, "forgiven", Optional.empty(), includeInvitees));
    }

    private String login(LocalUser user) {
        return app.useCases().login().login(new LoginCommand(user.name().value(), PASSWORD, false));
    }

    private LocalUser stored(LocalUser user) {
        return store.transactions()
                .inTransaction(() -> store.users().findById(user.id()))
                .orElseThrow();
    }

    private boolean inviteExists(Invite invite) {
        return store.transactions()
                .inTransaction(() -> store.invites().findByToken(invite.token()))
                .isPresent();
    }

    private long sessionsOf(LocalUser user) {
        // every member logged in at registration; a fresh log-in of a banned account is refused
        return store.transactions().inTransaction(() -> (long) store.sessions().deleteAllOf(user.id()));
    }

    // ---------------------------------------------------------------- bans

    @Test
    void aBanOfOneMemberEndsItsSessionsDeletesItsInvitesAndRefusesItsLogIn() {
        Invite first = invite(dave);
        Invite second = invite(dave);
        Invite alices = invite(alice);
        String session = login(dave);
        Instant now = clock.instant();

        BanPersonResult result = ban(dave, "spam in every thread", Optional.empty(), false);

        assertThat(result.affectedAccounts()).isEqualTo(1);
        assertThat(result.revokedInvites()).isEqualTo(2);
        assertThat(result.target().user().id()).isEqualTo(dave.id());
        assertThat(result.target().banned()).isTrue();
        assertThat(result.target().banExpiresAt()).isEmpty();
        assertThat(stored(dave).ban()).contains(new Ban("spam in every thread", Optional.empty(), now));
        assertRefused(() -> app.useCases().authenticate().authenticate(session), Reason.NOT_LOGGED_IN);
        assertThatThrownBy(() -> login(dave)).isInstanceOfSatisfying(Refusal.class, refused -> {
            assertThat(refused.rule()).isEqualTo(Rule.ACCOUNT_BANNED);
            assertThat(refused.getMessage()).contains("spam in every thread");
        });
        assertThat(inviteExists(first) || inviteExists(second)).isFalse();
        assertThat(inviteExists(alices)).as("the inviter's own invites stay").isTrue();
        assertThat(stored(alice).bannedAt(now)).isFalse();
    }

    @Test
    void aBranchBanReachesEveryAccountBelowAtAnyDepthAndNothingElse() {
        Invite carols = invite(carol);
        Invite eves = invite(eve);
        String bobsSession = login(bob);
        String evesSession = login(eve);

        BanPersonResult result = ban(alice, true);

        assertThat(result.affectedAccounts()).isEqualTo(4);
        assertThat(result.revokedInvites())
                .as("carol's, plus the invites that brought bob, carol and dave in")
                .isEqualTo(4);
        Instant now = clock.instant();
        assertThat(List.of(alice, bob, carol, dave))
                .allMatch(user -> stored(user).bannedAt(now));
        assertThat(stored(eve).bannedAt(now)).isFalse();
        assertThat(inviteExists(carols)).isFalse();
        assertThat(inviteExists(eves)).isTrue();
        assertRefused(() -> app.useCases().authenticate().authenticate(bobsSession), Reason.NOT_LOGGED_IN);
        assertThat(app.useCases().authenticate().authenticate(evesSession).id()).isEqualTo(eve.id());
        assertThat(moderation.entries).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo(ModerationAction.BAN);
            assertThat(entry.admin()).isEqualTo(admin.id());
            assertThat(entry.target()).isEqualTo(alice.id());
            assertThat(entry.includeInvitees()).isTrue();
            assertThat(entry.affectedAccounts()).isEqualTo(4);
            assertThat(entry.revokedInvites()).isEqualTo(4);
            assertThat(entry.reason()).isEqualTo("spam");
            assertThat(entry.expiresAt()).isEmpty();
            assertThat(entry.publishedAt()).isEqualTo(now);
        });
    }

    @Test
    void aBanWithoutInviteesLeavesTheBranchAlone() {
        Invite carols = invite(carol);

        assertThat(ban(bob, false).affectedAccounts()).isEqualTo(1);

        assertThat(stored(carol).bannedAt(clock.instant())).isFalse();
        assertThat(inviteExists(carols)).isTrue();
        assertThat(login(carol)).isNotBlank();
    }

    @Test
    void adminsInsideABranchAreSkippedAndNotCounted() {
        LocalUser staff = store.transactions()
                .inTransaction(() -> store.users()
                        .add(
                                new NewUser(
                                        new Username("staff"),
                                        Optional.empty(),
                                        true,
                                        true,
                                        Optional.of(bob.id()),
                                        clock.instant()),
                                "hash"));
        Invite staffs = invite(staff);

        BanPersonResult result = ban(alice, true);

        assertThat(result.affectedAccounts()).isEqualTo(4);
        assertThat(stored(staff).ban()).isEmpty();
        assertThat(inviteExists(staffs)).isTrue();
    }

    @Test
    void banningTwiceChangesNothingMoreButIsLoggedTwice() {
        ban(alice, true);

        BanPersonResult again = ban(alice, true);

        assertThat(again.affectedAccounts()).isZero();
        assertThat(again.revokedInvites()).isZero();
        assertThat(again.target().banned()).isTrue();
        assertThat(moderation.entries)
                .extracting(ModerationEntry::action, ModerationEntry::affectedAccounts)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ModerationAction.BAN, 4L),
                        org.assertj.core.groups.Tuple.tuple(ModerationAction.BAN, 0L));
    }

    @Test
    void aBanOnOtherTermsReplacesTheBanAndCountsAgain() {
        ban(dave, "first reason", Optional.empty(), false);
        Instant end = clock.instant().plus(Duration.ofDays(3));

        BanPersonResult changed = ban(dave, "second reason", Optional.of(end), false);

        assertThat(changed.affectedAccounts()).isEqualTo(1);
        assertThat(changed.target().banExpiresAt()).contains(end);
        assertThat(stored(dave).ban().map(Ban::reason)).contains("second reason");
    }

    @Test
    void aBanWithAnEndLiftsItselfThen() {
        Instant end = clock.instant().plus(Duration.ofHours(2));

        BanPersonResult result = ban(carol, "cool off", Optional.of(end), false);

        assertThat(result.target().banExpiresAt()).contains(end);
        assertThat(moderation.entries.get(0).expiresAt()).contains(end);
        assertThatThrownBy(() -> login(carol)).isInstanceOfSatisfying(Refusal.class, refused -> {
            assertThat(refused.rule()).isEqualTo(Rule.ACCOUNT_BANNED);
            assertThat(refused.getMessage()).contains("cool off").contains(end.toString());
        });
        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertRefused(() -> login(carol), Rule.ACCOUNT_BANNED);

        clock.advance(Duration.ofSeconds(1));

        String session = login(carol);
        assertThat(app.useCases().authenticate().authenticate(session).id()).isEqualTo(carol.id());
        assertThat(invite(carol).creatorId()).as("and may invite again").isEqualTo(carol.id());
    }

    @Test
    void aBannedAccountsSessionIsRefusedWithSiteBanEvenIfOneSurvived() {
        String session = login(dave);
        // a ban written straight to the store, and the session it ends put back in the same
        // transaction (as if it had survived): authentication still refuses
        store.transactions().run(() -> {
            store.moderation()
                    .ban(
                            new Scope(dave.id(), false),
                            new Ban("x", Optional.empty(), clock.instant()),
                            clock.instant(),
                            Optional.empty(),
                            1);
            store.sessions().add(SessionTokens.hash(session), dave.id(), clock.instant(), Optional.empty());
        });

        assertRefused(() -> app.useCases().authenticate().authenticate(session), Rule.ACCOUNT_BANNED);
    }

    // ---------------------------------------------------------------- batches

    /** The ban use case on the recording moderation, with batches of {@code batchSize} accounts. */
    private BanPersonResult banInBatches(ModerationRepository through, int batchSize, LocalUser target) {
        return new BanPersonService(store.transactions(), store.users(), through, clock, batchSize, BatchPacing.NONE)
                .banPerson(new BanPersonCommand(admin, target.personId(), true, "spam", Optional.empty(), true));
    }

    @Test
    void aBranchLargerThanABatchIsBannedWholeWithOneLogLine() {
        Invite carols = invite(carol);
        List<ModerationRepository.Batch> batches = new ArrayList<>();
        ModerationRepository counting = new ForwardingModeration(moderation) {
            @Override
            public ModerationRepository.Batch ban(
                    Scope scope, Ban ban, Instant now, Optional<ModerationRepository.Position> after, int limit) {
                ModerationRepository.Batch batch = super.ban(scope, ban, now, after, limit);
                batches.add(batch);
                return batch;
            }
        };

        BanPersonResult result = banInBatches(counting, 2, alice);

        assertThat(result.affectedAccounts()).isEqualTo(4);
        assertThat(result.revokedInvites()).isEqualTo(4);
        assertThat(batches).as("%s", batches).allMatch(batch -> batch.examined() <= 2);
        assertThat(batches.stream().filter(batch -> batch.changed() > 0)).hasSizeGreaterThan(1);
        Instant now = clock.instant();
        assertThat(List.of(alice, bob, carol, dave))
                .allMatch(user -> stored(user).bannedAt(now));
        assertThat(inviteExists(carols)).isFalse();
        assertThat(moderation.entries)
                .singleElement()
                .extracting(ModerationEntry::affectedAccounts, ModerationEntry::revokedInvites)
                .containsExactly(4L, 4L);
    }

    /**
     * An account that joins the branch while a pass goes on, at a place the pass has gone past (a
     * registration that held its inviter when the ban came, and committed with an id lower than
     * accounts already banned at its depth), is banned by the next pass, and counted.
     */
    @Test
    void anAccountThatJoinsBehindThePassIsBannedByTheNextPass() {
        List<LocalUser> joined = new ArrayList<>();
        ModerationRepository joining = new ForwardingModeration(moderation) {
            private int batches;

            @Override
            public ModerationRepository.Batch ban(
                    Scope scope, Ban ban, Instant now, Optional<ModerationRepository.Position> after, int limit) {
                ModerationRepository.Batch batch = super.ban(scope, ban, now, after, limit);
                if (++batches == 2) {
                    // the pass is at depth 2 now; the newcomer is at depth 1, invited by alice
                    joined.add(store.users()
                            .add(
                                    new NewUser(
                                            new Username("latecomer"),
                                            Optional.empty(),
                                            false,
                                            true,
                                            Optional.of(alice.id()),
                                            now),
                                    "hash"));
                }
                return batch;
            }
        };

        BanPersonResult result = banInBatches(joining, 2, alice);

        assertThat(joined).hasSize(1);
        assertThat(stored(joined.get(0)).bannedAt(clock.instant())).isTrue();
        assertThat(result.affectedAccounts()).as("the four and the latecomer").isEqualTo(5);
        assertThat(moderation.entries.get(0).affectedAccounts()).isEqualTo(5);
    }

    /** A ban that fails in a later batch leaves nothing of itself: one transaction, no log line. */
    @Test
    void aBanFailingInALaterBatchLeavesNothingBehind() {
        Invite carols = invite(carol);
        ModerationRepository failing = new ForwardingModeration(moderation) {
            private int batches;

            @Override
            public ModerationRepository.Batch ban(
                    Scope scope, Ban ban, Instant now, Optional<ModerationRepository.Position> after, int limit) {
                if (++batches == 3) {
                    throw new IllegalStateException("the store failed in the third batch");
                }
                return super.ban(scope, ban, now, after, limit);
            }
        };

        assertThatThrownBy(() -> banInBatches(failing, 1, alice)).isInstanceOf(IllegalStateException.class);

        Instant now = clock.instant();
        assertThat(List.of(alice, bob, carol, dave))
                .noneMatch(user -> stored(user).bannedAt(now));
        assertThat(inviteExists(carols)).isTrue();
        assertThat(login(bob)).isNotBlank();
        assertThat(moderation.entries).isEmpty();
    }

    @Test
    void anUnbanOfABranchLargerThanABatchLiftsEveryBan() {
        ban(alice, true);

        BanPersonResult lifted = new BanPersonService(
                        store.transactions(), store.users(), moderation, clock, 1, BatchPacing.NONE)
                .banPerson(new BanPersonCommand(admin, alice.personId(), false, "sorry", Optional.empty(), true));

        assertThat(lifted.affectedAccounts()).isEqualTo(4);
        assertThat(List.of(alice, bob, carol, dave))
                .allMatch(user -> stored(user).ban().isEmpty());
    }

    /**
     * The pacing is asked before every batch but the first, also across passes, with how long the
     * batch before took; never after the last.
     */
    @Test
    void thePacingIsAskedBeforeEveryBatchButTheFirst() {
        List<Duration> paces = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        ModerationRepository noting = new ForwardingModeration(moderation) {
            @Override
            public ModerationRepository.Batch ban(
                    Scope scope, Ban ban, Instant now, Optional<ModerationRepository.Position> after, int limit) {
                calls.add("batch");
                return super.ban(scope, ban, now, after, limit);
            }
        };
        BanPersonService service = new BanPersonService(store.transactions(), store.users(), noting, clock, 2, took -> {
            calls.add("pace");
            paces.add(took);
        });

        service.banPerson(new BanPersonCommand(admin, alice.personId(), true, "spam", Optional.empty(), true));

        assertThat(String.join(" ", calls))
                .as("two passes of three batches (2, 2, 0 places)")
                .isEqualTo("batch pace batch pace batch pace batch pace batch pace batch");
        assertThat(paces).hasSize(5).allMatch(took -> !took.isNegative());
    }

    @Test
    void halfTheTimeWaitsAsLongAsTheBatchTookUnlessInterrupted() {
        BatchPacing pacing = BatchPacing.halfTheTime();

        long started = System.nanoTime();
        pacing.beforeNextBatch(Duration.ofMillis(30));
        long waited = System.nanoTime() - started;
        Thread.currentThread().interrupt();
        long interruptedStarted = System.nanoTime();
        pacing.beforeNextBatch(Duration.ofSeconds(30));
        long interruptedWaited = System.nanoTime() - interruptedStarted;
        boolean stillInterrupted = Thread.interrupted();

        assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(Duration.ofMillis(30));
        assertThat(Duration.ofNanos(interruptedWaited)).isLessThan(Duration.ofSeconds(30));
        assertThat(stillInterrupted).as("the interrupt is kept for the caller").isTrue();
    }

    @Test
    void aBatchHoldsOneAccountAtLeast() {
        assertThatThrownBy(() -> new BanPersonService(
                        store.transactions(), store.users(), moderation, clock, 0, BatchPacing.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- unban

    @Test
    void unbanLiftsTheBranchsBansAndTheDeletedInvitesStayDeleted() {
        Invite carols = invite(carol);
        ban(alice, true);

        BanPersonResult lifted = unban(alice, true);

        assertThat(lifted.affectedAccounts()).isEqualTo(4);
        assertThat(lifted.revokedInvites()).isZero();
        assertThat(lifted.target().banned()).isFalse();
        assertThat(List.of(alice, bob, carol, dave))
                .allMatch(user -> stored(user).ban().isEmpty());
        assertThat(login(carol)).isNotBlank();
        assertThat(inviteExists(carols)).isFalse();
        assertThat(moderation.entries.get(1)).satisfies(entry -> {
            assertThat(entry.action()).isEqualTo(ModerationAction.UNBAN);
            assertThat(entry.affectedAccounts()).isEqualTo(4);
            assertThat(entry.reason()).isEqualTo("forgiven");
            assertThat(entry.expiresAt()).isEmpty();
        });
    }

    @Test
    void unbanOfTheTargetAloneKeepsTheBranchBanned() {
        ban(alice, true);

        assertThat(unban(alice, false).affectedAccounts()).isEqualTo(1);

        assertThat(stored(bob).bannedAt(clock.instant())).isTrue();
    }

    @Test
    void unbanOfAnAccountNotBannedChangesNothingAndIsLogged() {
        BanPersonResult result = unban(eve, false);

        assertThat(result.affectedAccounts()).isZero();
        assertThat(moderation.entries)
                .singleElement()
                .extracting(ModerationEntry::action)
                .isEqualTo(ModerationAction.UNBAN);
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void refusalsChangeNothingAndLogNothing() {
        Invite daves = invite(dave);
        LocalUser member = stored(eve);
        Instant past = clock.instant().minusSeconds(1);

        assertRefused(
                () -> app.useCases()
                        .banPerson()
                        .banPerson(
                                new BanPersonCommand(admin, new PersonId(424_242), true, "x", Optional.empty(), false)),
                Reason.NO_SUCH_ACCOUNT);
        assertRefused(() -> ban(admin, false), Rule.NOT_HIGHER_ADMIN);
        assertRefused(() -> ban(dave, "x", Optional.of(past), false), Rule.BAN_EXPIRATION_IN_PAST);
        assertRefused(() -> ban(dave, "x", Optional.of(clock.instant()), false), Rule.BAN_EXPIRATION_IN_PAST);
        assertRefused(
                () -> app.useCases()
                        .banPerson()
                        .banPerson(new BanPersonCommand(member, dave.personId(), true, "x", Optional.empty(), false)),
                Rule.ADMIN_ONLY);
        assertRefused(() -> ban(dave, "x".repeat(1_001), Optional.empty(), false), Rule.MODERATION_REASON_LENGTH);

        assertThat(stored(dave).ban()).isEmpty();
        assertThat(inviteExists(daves)).isTrue();
        assertThat(login(dave)).isNotBlank();
        assertThat(moderation.entries).isEmpty();
    }

    @Test
    void aReasonOfExactlyTheLimitIsTaken() {
        assertThat(ban(dave, "x".repeat(1_000), Optional.empty(), false).affectedAccounts())
                .isEqualTo(1);
    }

    @Test
    void aBanOfAnAdminIsRefusedAlsoWithInvitees() {
        assertRefused(() -> ban(admin, true), Rule.NOT_HIGHER_ADMIN);
        assertThat(stored(alice).ban()).isEmpty();
    }

    @Test
    void theExpiryIsIgnoredWhenLiftingABan() {
        ban(dave, false);

        BanPersonResult lifted = app.useCases()
                .banPerson()
                .banPerson(new BanPersonCommand(
                        admin,
                        dave.personId(),
                        false,
                        "ok",
                        Optional.of(clock.instant().minusSeconds(60)),
                        false));

        assertThat(lifted.affectedAccounts()).isEqualTo(1);
        assertThat(moderation.entries.get(1).expiresAt()).isEmpty();
    }

    @Test
    void theEndedSessionsIncludeEveryOneOfTheAccount() {
        login(bob);
        login(bob);

        ban(bob, false);

        assertThat(sessionsOf(bob)).isZero();
        assertThat(sessionsOf(alice)).as("alice's registration session").isEqualTo(1);
    }

    // ---------------------------------------------------------------- the recording

    /** The store's moderation, recording every entry appended (no action here appends and then fails). */
    private static final class RecordingModeration extends ForwardingModeration {

        final List<ModerationEntry> entries = new ArrayList<>();

        RecordingModeration(ModerationRepository delegate) {
            super(delegate);
        }

        @Override
        public ModerationEntry append(ModerationEntry.New entry) {
            ModerationEntry stored = super.append(entry);
            entries.add(stored);
            return stored;
        }
    }

    /** The in-memory store with the recording moderation. */
    private record Recorded(InMemoryStore store, ModerationRepository moderation) implements StoreFixture {

        @Override
        public Transactions transactions() {
            return store.transactions();
        }

        @Override
        public UserRepository users() {
            return store.users();
        }

        @Override
        public SiteRepository sites() {
            return store.sites();
        }

        @Override
        public SessionRepository sessions() {
            return store.sessions();
        }

        @Override
        public InviteRepository invites() {
            return store.invites();
        }

        @Override
        public RegistrationApplicationRepository applications() {
            return store.applications();
        }

        @Override
        public InviteBranchRepository branches() {
            return store.branches();
        }

        @Override
        public void reset() {
            store.reset();
        }
    }
}
