package guestlist.application.service;

import guestlist.application.port.in.ListInvitesQuery;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.paging.Page;
import guestlist.domain.paging.PageSize;
import guestlist.domain.site.RegistrationMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static guestlist.application.service.Guestlist.assertRefused;
import static guestlist.application.service.Guestlist.form;
import static org.assertj.core.api.Assertions.assertThat;

class InviteServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final LocalUser alice = guestlist.member("alice");

    // --- create ---------------------------------------------------------------------------------

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
        assertThat(guestlist.app.invites().isValid(invite.token().value())).isTrue();
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
        assertRefused(() -> guestlist.invite(alice, Optional.empty(), Optional.of(now.minusSeconds(1))),
                Rule.INVITE_LIFETIME);
        assertRefused(() -> guestlist.invite(alice, Optional.empty(),
                Optional.of(now.plus(Duration.ofDays(365)).plusSeconds(1))), Rule.INVITE_LIFETIME);

        assertThat(list(alice, 50).items()).isEmpty();
    }

    @Test
    void creationRulesBoundariesAreAccepted() {
        Instant now = guestlist.clock.instant();

        assertThat(guestlist.invite(alice, Optional.of(1), Optional.empty()).maxUses()).contains(1);
        assertThat(guestlist.invite(alice, Optional.of(1_000_000), Optional.empty()).maxUses()).contains(1_000_000);
        assertThat(guestlist.invite(alice, Optional.empty(), Optional.of(now.plus(Duration.ofDays(365))))
                .expiresAt()).contains(now.plus(Duration.ofDays(365)));
        assertThat(guestlist.invite(alice, Optional.empty(), Optional.of(now.plusMillis(1))).expiresAt())
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
        guestlist.app.invites().revokeInvite(alice, invite.token().value());

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
        LocalUser forged = new LocalUser(alice.id(), alice.name(), alice.email(), true, true, alice.invitedBy(),
                alice.publishedAt());

        assertRefused(() -> guestlist.invite(forged), Rule.INVITE_CAP_REACHED);
    }

    // --- list -----------------------------------------------------------------------------------------

    @Test
    void pagesCoverEveryInviteOnceNewestFirst() {
        List<InviteToken> created = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            created.add(guestlist.invite(guestlist.admin).token());
        }

        Page<Invite> first = list(guestlist.admin, 20);
        Page<Invite> second = next(guestlist.admin, 20, first);
        Page<Invite> third = next(guestlist.admin, 20, second);

        assertThat(first.items()).hasSize(20);
        assertThat(second.items()).hasSize(20);
        assertThat(third.items()).hasSize(5);
        assertThat(third.next()).isEmpty();
        List<InviteToken> served = new ArrayList<>();
        for (Page<Invite> page : List.of(first, second, third)) {
            page.items().forEach(invite -> served.add(invite.token()));
        }
        List<InviteToken> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        assertThat(served).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void pageEndingAtTheLastInviteHasNoNextPage() {
        for (int i = 0; i < 40; i++) {
            guestlist.invite(guestlist.admin);
        }

        Page<Invite> first = list(guestlist.admin, 20);
        Page<Invite> second = next(guestlist.admin, 20, first);

        assertThat(first.next()).isPresent();
        assertThat(second.items()).hasSize(20);
        assertThat(second.next()).isEmpty();
    }

    @Test
    void defaultPageHoldsTwenty() {
        for (int i = 0; i < 21; i++) {
            guestlist.invite(guestlist.admin);
        }

        Page<Invite> page = guestlist.app.invites().listInvites(
                new ListInvitesQuery(guestlist.admin, PageSize.of(Optional.empty()), Optional.empty()));

        assertThat(page.items()).hasSize(20);
        assertThat(page.next()).isPresent();
    }

    @Test
    void listShowsOnlyOwnUsableInvites() {
        LocalUser bob = guestlist.member("bob");
        Instant soon = guestlist.clock.instant().plus(Duration.ofHours(1));
        Invite kept = guestlist.invite(alice);
        Invite expiring = guestlist.invite(alice, Optional.empty(), Optional.of(soon));
        Invite single = guestlist.invite(alice, Optional.of(1), Optional.empty());
        Invite revoked = guestlist.invite(alice);
        Invite lasting = guestlist.invite(alice, Optional.of(2), Optional.of(soon.plusSeconds(1)));
        guestlist.invite(bob);
        guestlist.app.invites().revokeInvite(alice, revoked.token().value());
        guestlist.mode(RegistrationMode.REQUIRE_INVITATION);
        guestlist.register(form("carol").token(single));
        guestlist.register(form("dave").token(lasting));
        guestlist.clock.advance(Duration.ofHours(1));

        List<Invite> listed = list(alice, 50).items();

        assertThat(listed).extracting(Invite::token).containsExactly(lasting.token(), kept.token());
        assertThat(listed.get(0).usesCount()).isEqualTo(1);
        assertThat(listed).extracting(Invite::token).doesNotContain(expiring.token());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 51, -1})
    void limitOutsideOneToFiftyIsRefused(int limit) {
        assertRefused(() -> guestlist.app.invites().listInvites(
                new ListInvitesQuery(alice, PageSize.of(Optional.of(limit)), Optional.empty())), Rule.PAGE_SIZE);
    }

    // --- revoke ---------------------------------------------------------------------------------------

    @Test
    void memberRevokesOwnInvite() {
        Invite invite = guestlist.invite(alice);

        guestlist.app.invites().revokeInvite(alice, invite.token().value());

        assertThat(guestlist.storedInvite(invite.token())).isEmpty();
        assertThat(guestlist.app.invites().isValid(invite.token().value())).isFalse();
        assertThat(list(alice, 50).items()).isEmpty();
    }

    @Test
    void memberMayNotRevokeAnotherMembersInvite() {
        LocalUser bob = guestlist.member("bob");
        Invite invite = guestlist.invite(alice);

        assertRefused(() -> guestlist.app.invites().revokeInvite(bob, invite.token().value()),
                Reason.NO_INVITE_OF_YOURS);

        assertThat(guestlist.app.invites().isValid(invite.token().value())).isTrue();
    }

    @Test
    void adminRevokesAnyonesInvite() {
        Invite invite = guestlist.invite(alice);

        guestlist.app.invites().revokeInvite(guestlist.admin, invite.token().value());

        assertThat(guestlist.storedInvite(invite.token())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC", "malformed", "", " "})
    void revokingAnUnknownOrMalformedTokenIsRefused(String token) {
        guestlist.invite(alice);

        assertRefused(() -> guestlist.app.invites().revokeInvite(alice, token), Reason.NO_INVITE_OF_YOURS);
        assertThat(list(alice, 50).items()).hasSize(1);
    }

    @Test
    void revokingTwiceIsRefusedTheSecondTime() {
        Invite invite = guestlist.invite(alice);
        guestlist.app.invites().revokeInvite(alice, invite.token().value());

        assertRefused(() -> guestlist.app.invites().revokeInvite(alice, invite.token().value()),
                Reason.NO_INVITE_OF_YOURS);
    }

    // --- validity -------------------------------------------------------------------------------------

    @Test
    void usableInviteIsValid() {
        assertThat(guestlist.app.invites().isValid(guestlist.invite(alice).token().value())).isTrue();
    }

    @Test
    void unknownTokenIsNotValid() {
        assertThat(guestlist.app.invites().isValid("D".repeat(32))).isFalse();
    }

    @Test
    void malformedTokensAreNotValid() {
        assertThat(guestlist.app.invites().isValid(null)).isFalse();
        assertThat(guestlist.app.invites().isValid("")).isFalse();
        assertThat(guestlist.app.invites().isValid("short")).isFalse();
        assertThat(guestlist.app.invites().isValid("E".repeat(5_000))).isFalse();
    }

    @Test
    void expiredInviteIsNotValidWithoutAnySweep() {
        Invite invite = guestlist.invite(alice, Optional.empty(),
                Optional.of(guestlist.clock.instant().plus(Duration.ofMinutes(5))));

        guestlist.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(guestlist.app.invites().isValid(invite.token().value())).isTrue();
        guestlist.clock.advance(Duration.ofSeconds(1));
        assertThat(guestlist.app.invites().isValid(invite.token().value())).isFalse();
    }

    @Test
    void usedUpInviteIsNotValid() {
        Invite invite = guestlist.invite(alice, Optional.of(1), Optional.empty());
        guestlist.mode(RegistrationMode.REQUIRE_INVITATION);
        guestlist.register(form("bob").token(invite));

        assertThat(guestlist.app.invites().isValid(invite.token().value())).isFalse();
    }

    @Test
    void revokedInviteIsNotValid() {
        Invite invite = guestlist.invite(alice);
        guestlist.app.invites().revokeInvite(alice, invite.token().value());

        assertThat(guestlist.app.invites().isValid(invite.token().value())).isFalse();
    }

    // --- sweep ----------------------------------------------------------------------------------------

    @Test
    void sweepDeletesOnlyExpiredInvitesAndCountsThem() {
        Instant now = guestlist.clock.instant();
        List<Invite> expiring = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            expiring.add(guestlist.invite(guestlist.admin, Optional.empty(), Optional.of(now.plus(Duration.ofHours(1)))));
        }
        Invite later = guestlist.invite(guestlist.admin, Optional.empty(), Optional.of(now.plus(Duration.ofHours(2))));
        Invite never = guestlist.invite(guestlist.admin);
        guestlist.clock.advance(Duration.ofHours(1));

        assertThat(guestlist.app.invites().sweepExpiredInvites()).isEqualTo(3);

        expiring.forEach(invite -> assertThat(guestlist.storedInvite(invite.token())).isEmpty());
        assertThat(guestlist.storedInvite(later.token())).isPresent();
        assertThat(guestlist.storedInvite(never.token())).isPresent();
        assertThat(guestlist.app.invites().sweepExpiredInvites()).isZero();
    }

    @Test
    void sweepWithNothingExpiredDeletesNothing() {
        Invite invite = guestlist.invite(alice);

        assertThat(guestlist.app.invites().sweepExpiredInvites()).isZero();
        assertThat(guestlist.storedInvite(invite.token())).isPresent();
    }

    @Test
    void sweepDeletesMoreThanOneBatch() {
        int expired = 2 * InviteService.SWEEP_BATCH_SIZE + 7;
        invitesExpiringInAMinute(expired);
        Invite never = guestlist.invite(guestlist.admin);
        guestlist.clock.advance(Duration.ofMinutes(1));

        assertThat(guestlist.app.invites().sweepExpiredInvites()).isEqualTo(expired);

        assertThat(guestlist.app.invites().sweepExpiredInvites()).isZero();
        assertThat(guestlist.storedInvite(never.token())).isPresent();
    }

    @Test
    void sweepAskedToStopEndsAfterTheBatchInHand() {
        int expired = 2 * InviteService.SWEEP_BATCH_SIZE + 7;
        invitesExpiringInAMinute(expired);
        guestlist.clock.advance(Duration.ofMinutes(1));

        int deleted;
        Thread.currentThread().interrupt();
        try {
            deleted = guestlist.app.invites().sweepExpiredInvites();
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is left for the caller to see").isTrue();
        }

        assertThat(deleted).isEqualTo(InviteService.SWEEP_BATCH_SIZE);
        assertThat(guestlist.app.invites().sweepExpiredInvites()).isEqualTo(expired - deleted);
    }

    private void invitesExpiringInAMinute(int count) {
        Instant soon = guestlist.clock.instant().plus(Duration.ofMinutes(1));
        for (int i = 0; i < count; i++) {
            guestlist.invite(guestlist.admin, Optional.empty(), Optional.of(soon));
        }
    }

    @Test
    void sweepOfExactlyOneBatchDeletesAll() {
        int expired = InviteService.SWEEP_BATCH_SIZE;
        invitesExpiringInAMinute(expired);
        guestlist.clock.advance(Duration.ofMinutes(1));

        assertThat(guestlist.app.invites().sweepExpiredInvites()).isEqualTo(expired);
        assertThat(guestlist.app.invites().sweepExpiredInvites()).isZero();
    }

    private Page<Invite> list(LocalUser actor, int limit) {
        return guestlist.app.invites().listInvites(new ListInvitesQuery(actor, new PageSize(limit), Optional.empty()));
    }

    private Page<Invite> next(LocalUser actor, int limit, Page<Invite> previous) {
        return guestlist.app.invites().listInvites(new ListInvitesQuery(actor, new PageSize(limit), previous.next()));
    }
}
