package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.ChangePasswordCommand;
import guestlist.application.port.in.ChangePasswordUseCase;
import guestlist.application.port.in.DecideRegistrationApplicationCommand;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.PasswordHasher;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangePasswordServiceTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    private final Guestlist guestlist = new Guestlist();
    private final ChangePasswordUseCase changePassword =
            guestlist.app.useCases().changePassword();
    private String asking;
    private LocalUser alice;

    @BeforeEach
    void aliceIsLoggedIn() {
        asking = guestlist.memberSession("alice");
        alice = guestlist.authenticate(asking);
    }

    private ChangePasswordCommand change(String session, String newPassword, String oldPassword) {
        return ChangePasswordCommand.of(
                guestlist.authenticate(session), session, newPassword, newPassword, oldPassword, false);
    }

    private String storedHash(LocalUserId userId) {
        return guestlist
                .store
                .transactions()
                .inTransaction(
                        () -> guestlist.store.users().findPasswordHash(userId).orElseThrow());
    }

    // --- the change ------------------------------------------------------------------------------

    @Test
    void newPasswordLogsInAndTheOldOneNoLonger() {
        changePassword.changePassword(change(asking, NEW_PASSWORD, PASSWORD));

        assertThat(guestlist
                        .authenticate(guestlist.login("alice", NEW_PASSWORD))
                        .id())
                .isEqualTo(alice.id());
        assertRefused(() -> guestlist.login("alice", PASSWORD), Reason.INCORRECT_LOGIN);
    }

    @Test
    void everySessionEndsTheAskingOneIncludedAndTheAnswerIsANewSession() {
        String phone = guestlist.login("alice", PASSWORD);
        String laptop = guestlist.login("alice", PASSWORD);
        String bob = guestlist.memberSession("bob");

        String fresh = changePassword.changePassword(change(asking, NEW_PASSWORD, PASSWORD));

        assertThat(fresh).isNotIn(asking, phone, laptop);
        assertThat(guestlist.authenticate(fresh).id()).isEqualTo(alice.id());
        for (String ended : new String[] {asking, phone, laptop}) {
            assertRefused(() -> guestlist.authenticate(ended), Reason.NOT_LOGGED_IN);
        }
        assertThat(guestlist.authenticate(bob).name().value())
                .as("another account's session")
                .isEqualTo("bob");
    }

    @Test
    void onlyASlowHashOfTheNewPasswordIsStored() {
        changePassword.changePassword(change(asking, NEW_PASSWORD, PASSWORD));

        String stored = storedHash(alice.id());
        assertThat(stored).doesNotContain(NEW_PASSWORD);
        assertThat(guestlist.app.hasher().matches(NEW_PASSWORD, stored)).isTrue();
    }

    @Test
    void theSamePasswordAgainIsAChangeToo() {
        String other = guestlist.login("alice", PASSWORD);

        String fresh = changePassword.changePassword(change(asking, PASSWORD, PASSWORD));

        assertRefused(() -> guestlist.authenticate(other), Reason.NOT_LOGGED_IN);
        assertThat(guestlist.authenticate(fresh).id()).isEqualTo(alice.id());
        assertThat(guestlist.authenticate(guestlist.login("alice", PASSWORD)).id())
                .isEqualTo(alice.id());
    }

    @Test
    void theNewSessionLastsOneWeek() {
        String fresh = changePassword.changePassword(change(asking, NEW_PASSWORD, PASSWORD));

        guestlist.clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(guestlist.authenticate(fresh).id()).isEqualTo(alice.id());
        guestlist.clock.advance(Duration.ofSeconds(1));
        assertRefused(() -> guestlist.authenticate(fresh), Reason.NOT_LOGGED_IN);
    }

    @Test
    void stayLoggedInMakesTheNewSessionLastUntilLogOut() {
        String fresh = changePassword.changePassword(
                ChangePasswordCommand.of(alice, asking, NEW_PASSWORD, NEW_PASSWORD, PASSWORD, true));

        guestlist.clock.advance(Duration.ofDays(366));

        assertThat(guestlist.authenticate(fresh).id()).isEqualTo(alice.id());
    }

    // --- refusals --------------------------------------------------------------------------------

    @Test
    void wrongOldPasswordIsAnIncorrectLoginAndChangesNothing() {
        String other = guestlist.login("alice", PASSWORD);
        String hashBefore = storedHash(alice.id());

        assertRefused(
                () -> changePassword.changePassword(change(asking, NEW_PASSWORD, PASSWORD + "x")),
                Reason.INCORRECT_LOGIN);

        assertThat(storedHash(alice.id())).isEqualTo(hashBefore);
        assertThat(guestlist.authenticate(asking).id()).isEqualTo(alice.id());
        assertThat(guestlist.authenticate(other).id()).isEqualTo(alice.id());
        assertRefused(() -> guestlist.login("alice", NEW_PASSWORD), Reason.INCORRECT_LOGIN);
    }

    @Test
    void theOldPasswordIsVerifiedOnceWithTheSlowHash() {
        int before = guestlist.app.hasher().verifications();

        changePassword.changePassword(change(asking, NEW_PASSWORD, PASSWORD));

        assertThat(guestlist.app.hasher().verifications()).isEqualTo(before + 1);
    }

    @Test
    void newPasswordOfTheWrongLengthIsRefused() {
        assertRefused(
                () -> ChangePasswordCommand.of(alice, asking, "short", "short", PASSWORD, false), Rule.PASSWORD_LENGTH);
        String tooLong = "x".repeat(61);
        assertRefused(
                () -> ChangePasswordCommand.of(alice, asking, tooLong, tooLong, PASSWORD, false), Rule.PASSWORD_LENGTH);
    }

    @Test
    void newPasswordTypedDifferentlyTheSecondTimeIsRefused() {
        assertRefused(
                () -> ChangePasswordCommand.of(alice, asking, NEW_PASSWORD, NEW_PASSWORD + "!", PASSWORD, false),
                Rule.PASSWORDS_DIFFER);
    }

    @Test
    void theLengthIsCheckedBeforeTheRepetition() {
        assertRefused(
                () -> ChangePasswordCommand.of(alice, asking, "short", "other", PASSWORD, false), Rule.PASSWORD_LENGTH);
    }

    @Test
    void theCommandRevealsNoPasswordAndNoToken() {
        String shown = ChangePasswordCommand.of(alice, asking, NEW_PASSWORD, NEW_PASSWORD, PASSWORD, false)
                .toString();

        assertThat(shown).doesNotContain(NEW_PASSWORD).doesNotContain(PASSWORD).doesNotContain(asking);
    }

    // --- races -----------------------------------------------------------------------------------

    /** The service on the same store, with {@code meanwhile} committing while the old password is verified. */
    private ChangePasswordService changingWhile(Runnable meanwhile) {
        PasswordHasher hasher = new InterleavingHasher(guestlist.app.hasher(), meanwhile);
        return new ChangePasswordService(
                guestlist.store.transactions(),
                guestlist.store.users(),
                guestlist.store.sessions(),
                hasher,
                new SessionOpener(guestlist.store.sessions(), new SecureRandom()),
                guestlist.clock);
    }

    @Test
    void ofTwoChangesFromTwoSessionsTheSecondToCommitIsRefusedAndWritesNothing() {
        String laptop = guestlist.login("alice", PASSWORD);
        String[] winner = new String[1];
        ChangePasswordService racing = changingWhile(
                () -> winner[0] = changePassword.changePassword(change(laptop, "the laptop's passphrase", PASSWORD)));

        assertRefused(() -> racing.changePassword(change(asking, NEW_PASSWORD, PASSWORD)), Reason.NOT_LOGGED_IN);

        assertThat(guestlist.authenticate(winner[0]).id()).isEqualTo(alice.id());
        assertThat(guestlist.app.hasher().matches("the laptop's passphrase", storedHash(alice.id())))
                .as("the winner's password stands")
                .isTrue();
        assertRefused(() -> guestlist.login("alice", NEW_PASSWORD), Reason.INCORRECT_LOGIN);
    }

    @Test
    void aLogOutWhileTheOldPasswordIsVerifiedLeavesThePasswordAsItWas() {
        String hashBefore = storedHash(alice.id());
        ChangePasswordService racing =
                changingWhile(() -> guestlist.app.useCases().logout().logout(asking));

        assertRefused(() -> racing.changePassword(change(asking, NEW_PASSWORD, PASSWORD)), Reason.NOT_LOGGED_IN);

        assertThat(storedHash(alice.id())).isEqualTo(hashBefore);
    }

    @Test
    void aDenialWhileTheOldPasswordIsVerifiedWinsAndNoSessionIsOpened() {
        LocalUser anna = guestlist.applicant("anna", "hello");
        decide(anna, true);
        String annasSession = guestlist.login("anna", PASSWORD);
        String hashBefore = storedHash(anna.id());
        ChangePasswordService racing = changingWhile(() -> decide(anna, false));

        assertRefused(() -> racing.changePassword(change(annasSession, NEW_PASSWORD, PASSWORD)), Reason.NOT_LOGGED_IN);

        assertThat(storedHash(anna.id())).isEqualTo(hashBefore);
        assertRefused(() -> guestlist.login("anna", PASSWORD), Rule.APPLICATION_DENIED);
    }

    private void decide(LocalUser applicant, boolean approve) {
        guestlist
                .app
                .useCases()
                .decideRegistrationApplication()
                .decide(new DecideRegistrationApplicationCommand(
                        guestlist.admin,
                        guestlist
                                .storedApplication(applicant.id())
                                .orElseThrow()
                                .id(),
                        approve,
                        approve ? Optional.empty() : Optional.of("changed our mind")));
    }
}
