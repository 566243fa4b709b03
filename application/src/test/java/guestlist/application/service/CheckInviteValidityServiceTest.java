package guestlist.application.service;

import static guestlist.application.service.Guestlist.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.port.in.CheckInviteValidityUseCase;
import guestlist.application.port.out.Unavailable;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;
import guestlist.domain.site.RegistrationMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CheckInviteValidityServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final LocalUser alice = guestlist.member("alice");
    private final CheckInviteValidityUseCase validity = guestlist.app.useCases().checkInviteValidity();

    @Test
    void usableInviteIsValid() {
        assertThat(validity.isValid(guestlist.invite(alice).token().value())).isTrue();
    }

    @Test
    void unknownTokenIsNotValid() {
        assertThat(validity.isValid("D".repeat(32))).isFalse();
    }

    @Test
    void malformedTokensAreNotValid() {
        assertThat(validity.isValid(null)).isFalse();
        assertThat(validity.isValid("")).isFalse();
        assertThat(validity.isValid("short")).isFalse();
        assertThat(validity.isValid("E".repeat(5_000))).isFalse();
    }

    @Test
    void expiredInviteIsNotValidWithoutAnySweep() {
        Invite invite = guestlist.invite(
                alice, Optional.empty(), Optional.of(guestlist.clock.instant().plus(Duration.ofMinutes(5))));

        guestlist.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(validity.isValid(invite.token().value())).isTrue();
        guestlist.clock.advance(Duration.ofSeconds(1));
        assertThat(validity.isValid(invite.token().value())).isFalse();
    }

    @Test
    void usedUpInviteIsNotValid() {
        Invite invite = guestlist.invite(alice, Optional.of(1), Optional.empty());
        guestlist.mode(RegistrationMode.REQUIRE_INVITATION);
        guestlist.register(form("bob").token(invite));

        assertThat(validity.isValid(invite.token().value())).isFalse();
    }

    @Test
    void revokedInviteIsNotValid() {
        Invite invite = guestlist.invite(alice);
        guestlist
                .app
                .useCases()
                .revokeInvite()
                .revokeInvite(alice, invite.token().value());

        assertThat(validity.isValid(invite.token().value())).isFalse();
    }

    @Test
    void aStoreThatCannotBeReachedFailsTheCheckAndTheNextCheckReadsAgain() {
        String token = guestlist.invite(alice).token().value();
        guestlist.store.setReachable(false);

        assertThatThrownBy(() -> validity.isValid(token)).isInstanceOf(Unavailable.class);
        assertThat(validity.checkValidity(token).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(Unavailable.class);

        guestlist.store.setReachable(true);
        assertThat(validity.isValid(token)).isTrue();
    }

    @Test
    void manyChecksAtOnceAreEachAnsweredForTheirOwnToken() throws Exception {
        Invite usable = guestlist.invite(alice);
        Invite usedUp = guestlist.invite(alice, Optional.of(1), Optional.empty());
        guestlist.mode(RegistrationMode.REQUIRE_INVITATION);
        guestlist.register(form("bob").token(usedUp));
        List<String> tokens = List.of(usable.token().value(), usedUp.token().value(), "F".repeat(32));
        int threads = 30;
        int rounds = 50;
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicInteger right = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        ExecutorService askers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int asker = t;
                done.add(askers.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int round = 0; round < rounds; round++) {
                        int which = (asker + round) % tokens.size();
                        boolean expected = which == 0; // only the first token names a usable invite
                        (validity.isValid(tokens.get(which)) == expected ? right : wrong).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> asker : done) {
                asker.get(30, TimeUnit.SECONDS);
            }
        } finally {
            askers.shutdownNow();
        }

        assertThat(right.get()).isEqualTo(threads * rounds);
        assertThat(wrong.get()).isZero();
    }
}
