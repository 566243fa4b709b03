package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.LoginCommand;
import guestlist.application.port.in.LogoutUseCase;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.domain.account.LocalUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogoutServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private LocalUser alice;
    private final LogoutUseCase logout = guestlist.app.useCases().logout();

    @BeforeEach
    void aliceHasAnAccount() {
        alice = guestlist.aliceOnAnOpenSite();
    }

    @Test
    void logoutEndsTheSession() {
        String session = guestlist.login("alice", PASSWORD);

        logout.logout(session);

        assertRefused(() -> guestlist.authenticate(session), Reason.NOT_LOGGED_IN);
    }

    @Test
    void logoutEndsALastingSessionToo() {
        String session = guestlist.app.useCases().login().login(new LoginCommand("alice", PASSWORD, true));

        logout.logout(session);

        assertRefused(() -> guestlist.authenticate(session), Reason.NOT_LOGGED_IN);
    }

    @Test
    void logoutEndsOnlyThatSession() {
        String ending = guestlist.login("alice", PASSWORD);
        String staying = guestlist.login("alice", PASSWORD);

        logout.logout(ending);

        assertThat(guestlist.authenticate(staying).id()).isEqualTo(alice.id());
    }

    @Test
    void logoutOfAnUnknownTokenChangesNothing() {
        String session = guestlist.login("alice", PASSWORD);

        logout.logout("garbage");
        logout.logout("");
        logout.logout("y".repeat(10_000));

        assertThat(guestlist.authenticate(session).id()).isEqualTo(alice.id());
    }
}
