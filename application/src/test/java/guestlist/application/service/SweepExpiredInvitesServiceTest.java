package guestlist.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.SweepExpiredInvitesUseCase;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SweepExpiredInvitesServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final LocalUser alice = guestlist.member("alice");
    private final SweepExpiredInvitesUseCase sweep = guestlist.app.useCases().sweepExpiredInvites();

    @Test
    void sweepDeletesOnlyExpiredInvitesAndCountsThem() {
        Instant now = guestlist.clock.instant();
        List<Invite> expiring = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            expiring.add(
                    guestlist.invite(guestlist.admin, Optional.empty(), Optional.of(now.plus(Duration.ofHours(1)))));
        }
        Invite later = guestlist.invite(guestlist.admin, Optional.empty(), Optional.of(now.plus(Duration.ofHours(2))));
        Invite never = guestlist.invite(guestlist.admin);
        guestlist.clock.advance(Duration.ofHours(1));

        assertThat(sweep.sweepExpiredInvites()).isEqualTo(3);

        expiring.forEach(
                invite -> assertThat(guestlist.storedInvite(invite.token())).isEmpty());
        assertThat(guestlist.storedInvite(later.token())).isPresent();
        assertThat(guestlist.storedInvite(never.token())).isPresent();
        assertThat(sweep.sweepExpiredInvites()).isZero();
    }

    @Test
    void sweepWithNothingExpiredDeletesNothing() {
        Invite invite = guestlist.invite(alice);

        assertThat(sweep.sweepExpiredInvites()).isZero();
        assertThat(guestlist.storedInvite(invite.token())).isPresent();
    }

    @Test
    void sweepDeletesMoreThanOneBatch() {
        int expired = 2 * SweepExpiredInvitesService.BATCH_SIZE + 7;
        invitesExpiringInAMinute(expired);
        Invite never = guestlist.invite(guestlist.admin);
        guestlist.clock.advance(Duration.ofMinutes(1));

        assertThat(sweep.sweepExpiredInvites()).isEqualTo(expired);

        assertThat(sweep.sweepExpiredInvites()).isZero();
        assertThat(guestlist.storedInvite(never.token())).isPresent();
    }

    @Test
    void sweepAskedToStopEndsAfterTheBatchInHand() {
        int expired = 2 * SweepExpiredInvitesService.BATCH_SIZE + 7;
        invitesExpiringInAMinute(expired);
        guestlist.clock.advance(Duration.ofMinutes(1));

        int deleted;
        Thread.currentThread().interrupt();
        try {
            deleted = sweep.sweepExpiredInvites();
        } finally {
            assertThat(Thread.interrupted())
                    .as("the interrupt is left for the caller to see")
                    .isTrue();
        }

        assertThat(deleted).isEqualTo(SweepExpiredInvitesService.BATCH_SIZE);
        assertThat(sweep.sweepExpiredInvites()).isEqualTo(expired - deleted);
    }

    private void invitesExpiringInAMinute(int count) {
        Instant soon = guestlist.clock.instant().plus(Duration.ofMinutes(1));
        for (int i = 0; i < count; i++) {
            guestlist.invite(guestlist.admin, Optional.empty(), Optional.of(soon));
        }
    }

    @Test
    void sweepOfExactlyOneBatchDeletesAll() {
        int expired = SweepExpiredInvitesService.BATCH_SIZE;
        invitesExpiringInAMinute(expired);
        guestlist.clock.advance(Duration.ofMinutes(1));

        assertThat(sweep.sweepExpiredInvites()).isEqualTo(expired);
        assertThat(sweep.sweepExpiredInvites()).isZero();
    }

    @Test
    void sweepForgetsQuotaRecordsOnlyOnceNoDailyCountCanNeedThem() {
        guestlist.settings(SiteChanges.none().withInvitesPerUserPerDay(2).withInviteSignupsPerDay(1));
        Invite invite = guestlist.invite(alice);
        guestlist.invite(alice);
        guestlist.mode(RegistrationMode.OPEN);
        guestlist.register(Guestlist.form("bob").token(invite));
        Instant made = guestlist.clock.instant();

        guestlist.clock.set(made.plus(Duration.ofHours(25)).minusSeconds(1));
        sweep.sweepExpiredInvites();
        assertThat(storedRecordsSince(made.minusSeconds(1)))
                .as("kept for the day and an hour")
                .isEqualTo(3);

        guestlist.clock.set(made.plus(Duration.ofHours(25)));
        assertThat(sweep.sweepExpiredInvites()).as("no expired invite to count").isZero();
        assertThat(storedRecordsSince(made.minusSeconds(1))).isZero();
        assertThat(guestlist.storedInvite(invite.token()))
                .as("the invites stay")
                .isPresent();
    }

    /** The records of alice's added invites and of sign-ups through invites made after {@code since}. */
    private long storedRecordsSince(Instant since) {
        return guestlist.storedAddedSince(alice, since)
                + guestlist
                        .store
                        .transactions()
                        .inTransaction(() -> guestlist.store.invites().lockSignupsSince(since));
    }
}
