package guestlist.adapters.rest;

import guestlist.adapters.rest.TestApi.Reply;
import guestlist.application.port.in.RegistrationResult;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPoolTest {

    @Test
    void registerAndLoginRunOnThePasswordPoolAndOtherUseCasesDoNot() {
        AtomicReference<String> registerThread = new AtomicReference<>();
        AtomicReference<String> loginThread = new AtomicReference<>();
        AtomicReference<String> siteThread = new AtomicReference<>();
        try (TestApi api = TestApi.start(TestApi.settings(0, 0), u -> new RestUseCases(
                command -> {
                    registerThread.set(Thread.currentThread().getName());
                    return new RegistrationResult(Optional.empty(), true);
                },
                command -> {
                    loginThread.set(Thread.currentThread().getName());
                    return u.login().login(command);
                },
                u.logout(), u.authenticate(),
                () -> {
                    siteThread.set(Thread.currentThread().getName());
                    return u.getSite().getSite();
                },
                u.editSite(), u.createInvite(), u.listInvites(), u.revokeInvite(), u.checkInviteValidity(),
                u.listRegistrationApplications(), u.getRegistrationApplication(), u.decideRegistrationApplication(),
                u.checkHealth()), TestApi.TEST_LIMITS)) {
            Reply registered = api.send("POST", "/account/auth/register", "{\"username\":\"pooled\",\"password\":\""
                    + TestApi.PASSWORD + "\",\"password_verify\":\"" + TestApi.PASSWORD + "\"}", null);
            api.get("/site", null);

            assertThat(registered.status()).isEqualTo(200);
            assertThat(registerThread.get()).startsWith("guestlist-password-");
            assertThat(loginThread.get()).as("TestApi logs its admin in").startsWith("guestlist-password-");
            assertThat(siteThread.get()).doesNotStartWith("guestlist-password-").doesNotContain("I/O");
        }
    }
}
