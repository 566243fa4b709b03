package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static guestlist.application.service.Guestlist.form;
import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.domain.account.LocalUser;
import guestlist.domain.site.RegistrationMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticateServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private String aliceSession;

    @BeforeEach
    void aliceHasAnAccount() {
        guestlist.mode(RegistrationMode.OPEN);
        aliceSession = guestlist
                .register(form("Alice").email("Alice@Example.org"))
                .sessionToken()
                .orElseThrow();
    }

    @Test
    void theSessionOfRegistrationIsLoggedIn() {
        LocalUser alice = guestlist.authenticate(aliceSession);

        assertThat(alice.name().value()).isEqualToIgnoringCase("alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "garbage", "Bearer xyz", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void unknownTokensAreNotLoggedIn(String token) {
        assertRefused(() -> guestlist.authenticate(token), Reason.NOT_LOGGED_IN);
    }

    @Test
    void nullTokenIsNotLoggedIn() {
        assertRefused(() -> guestlist.authenticate(null), Reason.NOT_LOGGED_IN);
    }

    @Test
    void veryLongTokenIsNotLoggedIn() {
        String session = guestlist.login("alice", PASSWORD);

        assertRefused(() -> guestlist.authenticate("x".repeat(100_000)), Reason.NOT_LOGGED_IN);
        assertRefused(() -> guestlist.authenticate(session.repeat(10)), Reason.NOT_LOGGED_IN);
    }
}
