package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.LoginCommand;
import guestlist.application.port.in.SweepExpiredSessionsUseCase;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.domain.account.LocalUser;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SweepExpiredSessionsServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private LocalUser alice;
    private final SweepExpiredSessionsUseCase sweep = guestlist.app.useCases().sweepExpiredSessions();

    @BeforeEach
    void aliceHasAnAccount() {
        alice = guestlist.aliceOnAnOpenSite();
    }

    @Test
    void sweepDeletesExpiredSessionsAndKeepsLiveOnes() {
        String weekLong = guestlist.login("Alice", PASSWORD);
        String untilLogout = guestlist.app.useCases().login().login(new LoginCommand("Alice", PASSWORD, true));
        guestlist.clock.advance(Duration.ofDays(7));
        String fresh = guestlist.login("Alice", PASSWORD);

        int swept = sweep.sweepExpiredSessions();

        assertThat(swept)
                .as("the session of registration and the first log-in, a week old")
                .isEqualTo(2);
        assertThat(guestlist.authenticate(untilLogout)).isEqualTo(alice);
        assertThat(guestlist.authenticate(fresh)).isEqualTo(alice);
        assertRefused(() -> guestlist.authenticate(weekLong), Reason.NOT_LOGGED_IN);
        assertThat(sweep.sweepExpiredSessions()).isZero();
    }

    @Test
    void sweepGoesOnUntilEveryExpiredSessionIsGone() {
        for (int i = 0; i < BatchedSweep.BATCH_SIZE + 5; i++) {
            guestlist.login("Alice", PASSWORD);
        }
        guestlist.clock.advance(Duration.ofDays(8));

        assertThat(sweep.sweepExpiredSessions()).isEqualTo(BatchedSweep.BATCH_SIZE + 5 + 1);
    }
}
