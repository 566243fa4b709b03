package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import guestlist.application.port.in.ChangePasswordCommand;
import guestlist.application.port.in.DecideRegistrationApplicationCommand;
import guestlist.application.port.in.LoginCommand;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.application.ApplicationId;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoginServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private LocalUser alice;

    @BeforeEach
    void aliceHasAnAccount() {
        alice = guestlist.aliceOnAnOpenSite();
    }

    // --- log-in -------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "alice", "ALICE", "aLiCe"})
    void logsInByNameIgnoringCase(String name) {
        String session = guestlist.login(name, PASSWORD);

        assertThat(guestlist.authenticate(session).id()).isEqualTo(alice.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice@Example.org", "alice@example.org", "ALICE@EXAMPLE.ORG"})
    void logsInByEmailIgnoringCase(String email) {
        String session = guestlist.login(email, PASSWORD);

        assertThat(guestlist.authenticate(session).id()).isEqualTo(alice.id());
    }

    @Test
    void everyLoginOpensItsOwnSession() {
        String first = guestlist.login("alice", PASSWORD);
        String second = guestlist.login("alice", PASSWORD);

        assertThat(first).isNotEqualTo(second);
        assertThat(guestlist.authenticate(first).id())
                .isEqualTo(guestlist.authenticate(second).id());
    }

    @Test
    void wrongPasswordIsAnIncorrectLoginAfterVerifying() {
        int before = guestlist.app.hasher().verifications();

        assertRefused(() -> guestlist.login("alice", PASSWORD + "x"), Reason.INCORRECT_LOGIN);

        assertThat(guestlist.app.hasher().verifications()).isEqualTo(before + 1);
    }

    @Test
    void unknownUserIsAnIncorrectLoginAndStillRunsTheHasher() {
        int before = guestlist.app.hasher().verifications();

        assertRefused(() -> guestlist.login("nobody", PASSWORD), Reason.INCORRECT_LOGIN);

        assertThat(guestlist.app.hasher().verifications()).isEqualTo(before + 1);
    }

    @Test
    void unknownEmailIsAnIncorrectLoginAndStillRunsTheHasher() {
        int before = guestlist.app.hasher().verifications();

        assertRefused(() -> guestlist.login("nobody@example.org", PASSWORD), Reason.INCORRECT_LOGIN);

        assertThat(guestlist.app.hasher().verifications()).isEqualTo(before + 1);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        UseCaseFailure wrongPassword = thrown(UseCaseFailure.class, () -> guestlist.login("alice", "wrong password!"));
        UseCaseFailure unknownUser = thrown(UseCaseFailure.class, () -> guestlist.login("nobody", "wrong password!"));

        assertThat(wrongPassword.reason()).isEqualTo(unknownUser.reason()).isEqualTo(Reason.INCORRECT_LOGIN);
        assertThat(wrongPassword.getMessage()).isEqualTo(unknownUser.getMessage());
    }

    @Test
    void loginCommandDoesNotRevealThePassword() {
        assertThat(new LoginCommand("alice", PASSWORD, false).toString()).doesNotContain(PASSWORD);
    }

    // --- applications ---------------------------------------------------------------------------

    @Test
    void pendingApplicationMayNotLogIn() {
        guestlist.applicant("bob", "hello");

        assertRefused(() -> guestlist.login("bob", PASSWORD), Rule.APPLICATION_PENDING);
    }

    @Test
    void pendingApplicantWithWrongPasswordLearnsNothingAboutTheApplication() {
        guestlist.applicant("bob", "hello");

        assertRefused(() -> guestlist.login("bob", "wrong password!"), Reason.INCORRECT_LOGIN);
    }

    @Test
    void deniedApplicantIsRefusedWithTheReason() {
        LocalUser bob = guestlist.applicant("bob", "hello");
        decide(bob, false, Optional.of("we only admit gardeners"));

        Refusal refused = thrown(Refusal.class, () -> guestlist.login("bob", PASSWORD));

        assertThat(refused.rule()).isEqualTo(Rule.APPLICATION_DENIED);
        assertThat(refused.getMessage()).contains("we only admit gardeners");
    }

    @Test
    void approvedApplicantMayLogIn() {
        LocalUser bob = guestlist.applicant("bob", "hello");
        decide(bob, true, Optional.empty());

        assertThat(guestlist.authenticate(guestlist.login("bob", PASSWORD)).id())
                .isEqualTo(bob.id());
    }

    @Test
    void applicantApprovedAfterDenialMayLogIn() {
        LocalUser bob = guestlist.applicant("bob", "hello");
        decide(bob, false, Optional.of("not yet"));
        assertRefused(() -> guestlist.login("bob", PASSWORD), Rule.APPLICATION_DENIED);

        decide(bob, true, Optional.empty());

        assertThat(guestlist.authenticate(guestlist.login("bob", PASSWORD)).acceptedApplication())
                .isTrue();
    }

    // --- session lifetime -------------------------------------------------------------------------

    @Test
    void sessionWorksUntilJustBeforeOneWeek() {
        String session = guestlist.login("alice", PASSWORD);

        guestlist.clock.advance(Duration.ofDays(7).minusSeconds(1));

        assertThat(guestlist.authenticate(session).id()).isEqualTo(alice.id());
    }

    @Test
    void sessionEndsAfterOneWeek() {
        String session = guestlist.login("alice", PASSWORD);

        guestlist.clock.advance(Duration.ofDays(7));

        assertRefused(() -> guestlist.authenticate(session), Reason.NOT_LOGGED_IN);
    }

    @Test
    void stayLoggedInSessionSurvivesAYear() {
        String session = guestlist.app.useCases().login().login(new LoginCommand("alice", PASSWORD, true));

        guestlist.clock.advance(Duration.ofDays(366));

        assertThat(guestlist.authenticate(session).id()).isEqualTo(alice.id());
    }

    @Test
    void sessionTokenIsLongAndUrlSafe() {
        assertThat(guestlist.login("alice", PASSWORD)).matches("[A-Za-z0-9_-]{43,}");
    }

    // --- races with the slow hash -----------------------------------------------------------------

    /** Log-in on the same store, with {@code meanwhile} committing while the password is verified. */
    private LoginService loggingInWhile(Runnable meanwhile) {
        InterleavingHasher hasher = new InterleavingHasher(guestlist.app.hasher(), meanwhile);
        return new LoginService(
                guestlist.store.transactions(),
                guestlist.store.users(),
                guestlist.store.applications(),
                hasher,
                new DecoyHash(hasher, new SecureRandom()),
                new SessionOpener(guestlist.store.sessions(), new SecureRandom()),
                guestlist.clock);
    }

    @Test
    void aPasswordChangeWhileTheOldPasswordIsVerifiedRefusesTheLogIn() {
        String session = guestlist.login("alice", PASSWORD);
        LoginService racing = loggingInWhile(() -> guestlist
                .app
                .useCases()
                .changePassword()
                .changePassword(ChangePasswordCommand.of(
                        alice, session, "a brand new passphrase", "a brand new passphrase", PASSWORD, false)));

        assertRefused(() -> racing.login(new LoginCommand("alice", PASSWORD, false)), Reason.INCORRECT_LOGIN);
    }

    @Test
    void aDenialWhileThePasswordIsVerifiedRefusesTheLogIn() {
        LocalUser bob = guestlist.applicant("bob", "hello");
        decide(bob, true, Optional.empty());
        LoginService racing = loggingInWhile(() -> decide(bob, false, Optional.of("changed our mind")));

        assertRefused(() -> racing.login(new LoginCommand("bob", PASSWORD, false)), Rule.APPLICATION_DENIED);
    }

    private void decide(LocalUser applicant, boolean approve, Optional<String> reason) {
        ApplicationId applicationId =
                guestlist.storedApplication(applicant.id()).orElseThrow().id();
        guestlist
                .app
                .useCases()
                .decideRegistrationApplication()
                .decide(new DecideRegistrationApplicationCommand(guestlist.admin, applicationId, approve, reason));
    }

    private static <T extends Throwable> T thrown(Class<T> type, Runnable action) {
        Throwable thrown = catchThrowable(action::run);
        assertThat(thrown).isInstanceOf(type);
        return type.cast(thrown);
    }
}
