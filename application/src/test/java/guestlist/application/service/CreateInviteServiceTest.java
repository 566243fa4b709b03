package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static guestlist.application.service.Guestlist.form;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.ListInvitesQuery;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.Ban;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.moderation.Scope;
import guestlist.domain.paging.Page;
import guestlist.domain.paging.PageSize;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CreateInviteServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final LocalUser alice = guestlist.member("alice");

    @Test
    void createdInviteHasAFreshTokenAndTheAskedFields() {
        Instant now = guestlist.clock.instant();
        Instant expiry = now.plus(Duration.ofDays(3));

        Invite invite = guestlist.invite(alice, Optional.of(4), Optional.of(expiry));

        assertThat(invite.token().value()).matches("[A-Za-z0-9_-]{32}");
        assertThat(invite.creatorId()).isEqualTo(alice.id());
        assertThat(invite.maxUses()).contains(4);
        assertThat(invite.usesCount()).isZero();
        assertThat(invite.expiresAt()).contains(expiry);
        assertThat(invite.publishedAt()).isEqualTo(now);
        assertThat(guestlist.storedInvite(invite.token())).contains(invite);
    }

    @Test
    void inviteWithoutLimitsIsUnlimitedAndNeverExpires() {
        Invite invite = guestlist.invite(alice);

        assertThat(invite.maxUses()).isEmpty();
        assertThat(invite.expiresAt()).isEmpty();
        assertThat(guestlist.isValid(invite)).isTrue();
    }

    @Test
    void everyInviteGetsItsOwnToken() {
        Set<InviteToken> tokens = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            tokens.add(guestlist.invite(guestlist.admin).token());
        }
        assertThat(tokens).hasSize(50);
    }

    @Test
    void creationRulesAreBadRequestsAndStoreNothing() {
        Instant now = guestlist.clock.instant();

        assertRefused(() -> guestlist.invite(alice, Optional.of(0), Optional.empty()), Rule.INVITE_USE_LIMIT);
        assertRefused(() -> guestlist.invite(alice, Optional.of(1_000_001), Optional.empty()), Rule.INVITE_USE_LIMIT);
        assertRefused(() -> guestlist.invite(alice, Optional.empty(), Optional.of(now)), Rule.INVITE_LIFETIME);
        assertRefused(
                () -> guestlist.invite(alice, Optional.empty(), Optional.of(now.minusSeconds(1))),
                Rule.INVITE_LIFETIME);
        assertRefused(
                () -> guestlist.invite(
                        alice,
                        Optional.empty(),
                        Optional.of(now.plus(Duration.ofDays(365)).plusSeconds(1))),
                Rule.INVITE_LIFETIME);

        assertThat(list(alice, 50).items()).isEmpty();
    }

    @Test
    void creationRulesBoundariesAreAccepted() {
        Instant now = guestlist.clock.instant();

        assertThat(guestlist.invite(alice, Optional.of(1), Optional.empty()).maxUses())
                .contains(1);
        assertThat(guestlist
                        .invite(alice, Optional.of(1_000_000), Optional.empty())
                        .maxUses())
                .contains(1_000_000);
        assertThat(guestlist
                        .invite(alice, Optional.empty(), Optional.of(now.plus(Duration.ofDays(365))))
                        .expiresAt())
                .contains(now.plus(Duration.ofDays(365)));
        assertThat(guestlist
                        .invite(alice, Optional.empty(), Optional.of(now.plusMillis(1)))
                        .expiresAt())
                .contains(now.plusMillis(1));
    }

    // --- the cap -------------------------------------------------------------------------------------

    @Test
    void memberAtTheDefaultCapOfTenIsRefused() {
        for (int i = 0; i < 10; i++) {
            guestlist.invite(alice);
        }

        assertRefused(() -> guestlist.invite(alice), Rule.INVITE_CAP_REACHED);
        assertThat(list(alice, 50).items()).hasSize(10);
    }

    @Test
    void memberAtASiteSetCapIsRefused() {
        guestlist.cap(2);
        guestlist.invite(alice);
        guestlist.invite(alice);

        assertRefused(() -> guestlist.invite(alice), Rule.INVITE_CAP_REACHED);
    }

    @Test
    void capCountsEachMemberSeparately() {
        guestlist.cap(1);
        LocalUser bob = guestlist.member("bob");
        guestlist.invite(alice);

        assertThat(guestlist.invite(bob).creatorId()).isEqualTo(bob.id());
    }

    @Test
    void concurrentCreatesByOneMemberNeverExceedTheCap() throws Exception {
        guestlist.cap(3);
        int attempts = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        guestlist.invite(alice);
                        return true;
                    } catch (Refusal refused) {
                        assertThat(refused.rule()).isEqualTo(Rule.INVITE_CAP_REACHED);
                        return false;
                    }
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Boolean> outcome : outcomes) {
                created += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(created).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(list(alice, 50).items()).hasSize(3);
    }

    @Test
    void expiredInvitesDoNotCountTowardTheCap() {
        guestlist.cap(2);
        Instant soon = guestlist.clock.instant().plus(Duration.ofHours(1));
        guestlist.invite(alice, Optional.empty(), Optional.of(soon));
        guestlist.invite(alice, Optional.empty(), Optional.of(soon));
        assertRefused(() -> guestlist.invite(alice), Rule.INVITE_CAP_REACHED);

        guestlist.clock.advance(Duration.ofHours(1));

        assertThat(guestlist.invite(alice).creatorId()).isEqualTo(alice.id());
        assertThat(guestlist.invite(alice).creatorId()).isEqualTo(alice.id());
        assertRefused(() -> guestlist.invite(alice), Rule.INVITE_CAP_REACHED);
    }

    @Test
    void usedUpInvitesDoNotCountTowardTheCap() {
        guestlist.cap(1);
        Invite single = guestlist.invite(alice, Optional.of(1), Optional.empty());
        assertRefused(() -> guestlist.invite(alice), Rule.INVITE_CAP_REACHED);
        guestlist.mode(RegistrationMode.REQUIRE_INVITATION);

        guestlist.register(form("bob").token(single));

        assertThat(guestlist.invite(alice).creatorId()).isEqualTo(alice.id());
    }

    @Test
    void revokedInvitesDoNotCountTowardTheCap() {
        guestlist.cap(1);
        Invite invite = guestlist.invite(alice);
        guestlist
                .app
                .useCases()
                .revokeInvite()
                .revokeInvite(alice, invite.token().value());

        assertThat(guestlist.invite(alice).creatorId()).isEqualTo(alice.id());
    }

    @Test
    void adminsAreNeverCapped() {
        guestlist.cap(1);
        for (int i = 0; i < 15; i++) {
            guestlist.invite(guestlist.admin);
        }
        assertThat(list(guestlist.admin, 50).items()).hasSize(15);
    }

    @Test
    void capZeroMeansOnlyAdminsInvite() {
        guestlist.cap(0);

        assertRefused(() -> guestlist.invite(alice), Rule.INVITE_CAP_REACHED);
        assertThat(guestlist.invite(guestlist.admin).creatorId()).isEqualTo(guestlist.admin.id());
    }

    @Test
    void forgedAdminFlagDoesNotLiftTheCap() {
        guestlist.cap(0);
        LocalUser forged = new LocalUser(
                alice.id(),
                alice.name(),
                alice.email(),
                true,
                true,
                alice.invitedBy(),
                alice.publishedAt(),
                alice.ban(),
                alice.invitePermission(),
                alice.inviteeCount());

        assertRefused(() -> guestlist.invite(forged), Rule.INVITE_CAP_REACHED);
    }

    // --- the minimum account age ---------------------------------------------------------------------

    @Test
    void memberYoungerThanTheMinimumAgeIsRefusedUntilTheAccountIsOldEnough() {
        guestlist.settings(SiteChanges.none().withInviteMinAccountAgeHours(24));

        assertRefused(() -> guestlist.invite(alice), Rule.ACCOUNT_TOO_NEW_TO_INVITE);
        guestlist.clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertRefused(() -> guestlist.invite(alice), Rule.ACCOUNT_TOO_NEW_TO_INVITE);
        guestlist.clock.advance(Duration.ofSeconds(1));

        assertThat(guestlist.invite(alice).creatorId()).isEqualTo(alice.id());
        assertThat(list(alice, 50).items()).hasSize(1);
        assertThat(guestlist.storedAddedInTheLastDay(alice))
                .as("the refusals recorded nothing")
                .isEqualTo(1);
    }

    @Test
    void theMinimumAgeIsReadFromTheStoredAccountNotFromTheCaller() {
        guestlist.settings(SiteChanges.none().withInviteMinAccountAgeHours(1));
        LocalUser claimingToBeOld = new LocalUser(
                alice.id(),
                alice.name(),
                alice.email(),
                false,
                true,
                alice.invitedBy(),
                alice.publishedAt().minus(Duration.ofDays(30)),
                alice.ban(),
                alice.invitePermission(),
                alice.inviteeCount());

        assertRefused(() -> guestlist.invite(claimingToBeOld), Rule.ACCOUNT_TOO_NEW_TO_INVITE);
    }

    @Test
    void aNewAdminInvitesWhateverTheMinimumAge() {
        guestlist.settings(SiteChanges.none().withInviteMinAccountAgeHours(8_760));

        assertThat(guestlist.invite(guestlist.admin).creatorId()).isEqualTo(guestlist.admin.id());
        assertRefused(() -> guestlist.invite(alice), Rule.ACCOUNT_TOO_NEW_TO_INVITE);
    }

    // --- the daily limit ---------------------------------------------------------------------------

    @Test
    void dailyLimitCountsUsedRevokedExpiredAndSweptInvitesToo() {
        guestlist.settings(SiteChanges.none().withInvitesPerUserPerDay(4));
        Invite usedUp = guestlist.invite(alice, Optional.of(1), Optional.empty());
        Invite revoked = guestlist.invite(alice);
        guestlist.invite(
                alice, Optional.empty(), Optional.of(guestlist.clock.instant().plus(Duration.ofMinutes(30))));
        guestlist.invite(
                alice, Optional.empty(), Optional.of(guestlist.clock.instant().plus(Duration.ofHours(1))));
        guestlist.mode(RegistrationMode.REQUIRE_INVITATION);
        guestlist.register(form("bob").token(usedUp));
        guestlist.revoke(alice, revoked);
        guestlist.clock.advance(Duration.ofMinutes(45));
        assertThat(guestlist.app.useCases().sweepExpiredInvites().sweepExpiredInvites())
                .isEqualTo(1);
        assertThat(list(alice, 50).items()).as("one invite left").hasSize(1);

        assertRefused(() -> guestlist.invite(alice), Rule.INVITE_DAILY_LIMIT_REACHED);
        assertThat(list(alice, 50).items()).hasSize(1);
    }

    @Test
    void dailyLimitIsARolling24Hours() {
        guestlist.settings(SiteChanges.none().withInvitesPerUserPerDay(3));
        guestlist.invite(alice);
        guestlist.invite(alice);
        guestlist.clock.advance(Duration.ofHours(12));
        guestlist.invite(alice);
        assertRefused(() -> guestlist.invite(alice), Rule.INVITE_DAILY_LIMIT_REACHED);

        guestlist.clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertRefused(() -> guestlist.invite(alice), Rule.INVITE_DAILY_LIMIT_REACHED);
        guestlist.clock.advance(Duration.ofSeconds(1));

        guestlist.invite(alice);
        guestlist.invite(alice);
        assertRefused(() -> guestlist.invite(alice), Rule.INVITE_DAILY_LIMIT_REACHED);
        assertThat(list(alice, 50).items()).hasSize(5);
    }

    @Test
    void dailyLimitCountsInvitesMadeBeforeItWasSet() {
        guestlist.invite(alice);
        guestlist.invite(alice);

        guestlist.settings(SiteChanges.none().withInvitesPerUserPerDay(2));

        assertRefused(() -> guestlist.invite(alice), Rule.INVITE_DAILY_LIMIT_REACHED);
    }

    @Test
    void dailyLimitCountsEachMemberSeparatelyAndNeverAnAdmin() {
        guestlist.settings(SiteChanges.none().withInvitesPerUserPerDay(1));
        LocalUser bob = guestlist.member("bob");
        guestlist.invite(alice);

        assertThat(guestlist.invite(bob).creatorId()).isEqualTo(bob.id());
        for (int i = 0; i < 5; i++) {
            guestlist.invite(guestlist.admin);
        }
        assertRefused(() -> guestlist.invite(alice), Rule.INVITE_DAILY_LIMIT_REACHED);
        assertRefused(() -> guestlist.invite(bob), Rule.INVITE_DAILY_LIMIT_REACHED);
    }

    @Test
    void aRefusalCountsNoCreation() {
        guestlist.settings(SiteChanges.none().withInvitesPerUserPerDay(1));
        guestlist.invite(alice);
        for (int i = 0; i < 3; i++) {
            assertRefused(() -> guestlist.invite(alice), Rule.INVITE_DAILY_LIMIT_REACHED);
        }
        assertRefused(() -> guestlist.invite(alice, Optional.of(0), Optional.empty()), Rule.INVITE_USE_LIMIT);

        guestlist.settings(SiteChanges.none().withInvitesPerUserPerDay(2));

        guestlist.invite(alice);
        assertRefused(() -> guestlist.invite(alice), Rule.INVITE_DAILY_LIMIT_REACHED);
        assertThat(guestlist.storedAddedInTheLastDay(alice)).isEqualTo(2);
    }

    @Test
    void concurrentCreatesByOneMemberNeverExceedTheDailyLimit() throws Exception {
        guestlist.settings(SiteChanges.none().withInvitesPerUserPerDay(4));
        int attempts = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        guestlist.invite(alice);
                        return true;
                    } catch (Refusal refused) {
                        assertThat(refused.rule()).isEqualTo(Rule.INVITE_DAILY_LIMIT_REACHED);
                        return false;
                    }
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Boolean> outcome : outcomes) {
                created += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(created).isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
        assertThat(guestlist.storedAddedInTheLastDay(alice)).isEqualTo(4);
    }

    @Test
    void theCapIsCheckedBeforeTheDailyLimit() {
        guestlist.cap(1);
        guestlist.settings(SiteChanges.none().withInvitesPerUserPerDay(1));
        guestlist.invite(alice);

        assertRefused(() -> guestlist.invite(alice), Rule.INVITE_CAP_REACHED);
    }

    // --- the comment -------------------------------------------------------------------------------

    @Test
    void commentIsStoredWithTheInviteAndListed() {
        Invite invite = guestlist.invite(alice, "for my neighbour Ann");

        assertThat(invite.comment()).contains("for my neighbour Ann");
        assertThat(guestlist.storedInvite(invite.token()).orElseThrow().comment())
                .contains("for my neighbour Ann");
        assertThat(list(alice, 50).items()).containsExactly(invite);
    }

    @Test
    void overlongCommentIsRefusedAndStoresNothing() {
        guestlist.settings(SiteChanges.none().withInvitesPerUserPerDay(5));

        assertRefused(() -> guestlist.invite(alice, "c".repeat(201)), Rule.INVITE_COMMENT_LENGTH);

        assertThat(list(alice, 50).items()).isEmpty();
        assertThat(guestlist.storedAddedInTheLastDay(alice)).isZero();
        assertThat(guestlist.invite(alice, "c".repeat(200)).comment()).contains("c".repeat(200));
    }

    @Test
    void emptyCommentIsNone() {
        assertThat(guestlist.invite(alice, "").comment()).isEmpty();
    }

    @Test
    void aBannedCreatorIsRefusedUntilItsBanEnds() {
        Instant now = guestlist.clock.instant();
        Instant end = now.plus(Duration.ofHours(1));
        // a ban straight in the store: the session the command carries was taken before it
        guestlist
                .store
                .transactions()
                .run(() -> guestlist
                        .store
                        .moderation()
                        .ban(
                                new Scope(alice.id(), false),
                                new Ban("spam", Optional.of(end), now),
                                now,
                                Optional.empty(),
                                1));

        assertRefused(() -> guestlist.invite(alice), Rule.ACCOUNT_BANNED);
        assertThat(list(alice, 50).items()).isEmpty();

        guestlist.clock.advance(Duration.ofHours(1));

        assertThat(guestlist.invite(alice).creatorId()).isEqualTo(alice.id());
    }

    private Page<Invite> list(LocalUser actor, int limit) {
        return guestlist
                .app
                .useCases()
                .listInvites()
                .listInvites(new ListInvitesQuery(actor, new PageSize(limit), Optional.empty()));
    }
}
