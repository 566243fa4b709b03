package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.ApplicationView;
import guestlist.application.port.in.DecideRegistrationApplicationCommand;
import guestlist.application.port.in.DecideRegistrationApplicationUseCase;
import guestlist.application.port.in.LoginCommand;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.application.ApplicationId;
import guestlist.domain.application.RegistrationApplication;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecideRegistrationApplicationServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final DecideRegistrationApplicationUseCase decision =
            guestlist.app.useCases().decideRegistrationApplication();

    @Test
    void approvalRecordsTheAdminAndAcceptsTheAccount() {
        LocalUser anna = guestlist.applicant("anna", "hello");
        guestlist.clock.advance(Duration.ofHours(2));

        ApplicationView view = decide(anna, true, Optional.of("ignored on approval"));

        assertThat(view.application().adminId()).contains(guestlist.admin.id());
        assertThat(view.admin().map(LocalUser::id)).contains(guestlist.admin.id());
        assertThat(view.application().denyReason()).isEmpty();
        assertThat(view.application().updatedAt()).contains(guestlist.clock.instant());
        assertThat(view.creator().id()).isEqualTo(anna.id());
        assertThat(guestlist.storedUser("anna").orElseThrow().acceptedApplication())
                .isTrue();
        assertThat(guestlist.authenticate(guestlist.login("anna", PASSWORD)).id())
                .isEqualTo(anna.id());
    }

    @Test
    void denialRecordsTheReasonAndKeepsTheAccountOut() {
        LocalUser anna = guestlist.applicant("anna", "hello");
        guestlist.clock.advance(Duration.ofHours(2));

        ApplicationView view = decide(anna, false, Optional.of("not a gardener"));

        assertThat(view.application().adminId()).contains(guestlist.admin.id());
        assertThat(view.application().denyReason()).contains("not a gardener");
        assertThat(view.application().updatedAt()).contains(guestlist.clock.instant());
        assertThat(guestlist.storedUser("anna").orElseThrow().acceptedApplication())
                .isFalse();
        assertThat(guestlist.storedApplication(anna.id()).orElseThrow().denyReason())
                .contains("not a gardener");
        assertRefused(() -> guestlist.login("anna", PASSWORD), Rule.APPLICATION_DENIED);
    }

    @Test
    void laterDecisionReplacesTheEarlierOne() {
        LocalUser anna = guestlist.applicant("anna", "hello");
        decide(anna, false, Optional.of("not yet"));

        ApplicationView view = decide(anna, true, Optional.empty());

        assertThat(view.application().denyReason()).isEmpty();
        assertThat(guestlist.storedApplication(anna.id()).orElseThrow().denyReason())
                .isEmpty();
        assertThat(guestlist.storedUser("anna").orElseThrow().acceptedApplication())
                .isTrue();
    }

    @Test
    void decidingAnUnknownApplicationIsNotFound() {
        assertRefused(
                () -> decision.decide(new DecideRegistrationApplicationCommand(
                        guestlist.admin, new ApplicationId(987_654), true, Optional.empty())),
                Reason.NO_SUCH_APPLICATION);
    }

    @Test
    void nonAdminMayNotDecideAndNothingChanges() {
        LocalUser member = guestlist.member("member");
        LocalUser anna = guestlist.applicant("anna", "hello");
        ApplicationId applicationId =
                guestlist.storedApplication(anna.id()).orElseThrow().id();

        assertRefused(
                () -> decision.decide(
                        new DecideRegistrationApplicationCommand(member, applicationId, true, Optional.empty())),
                Rule.ADMIN_ONLY);

        assertThat(guestlist.storedApplication(anna.id()).orElseThrow().unread())
                .isTrue();
        assertThat(guestlist.storedUser("anna").orElseThrow().acceptedApplication())
                .isFalse();
    }

    @Test
    void denyingAnApprovedAccountEndsEverySessionOfIt() {
        LocalUser anna = guestlist.applicant("anna", "hello");
        decide(anna, true, Optional.empty());
        String phone = guestlist.login("anna", PASSWORD);
        String laptop = guestlist.app.useCases().login().login(new LoginCommand("anna", PASSWORD, true));
        String member = guestlist.memberSession("member");

        decide(anna, false, Optional.of("changed our mind"));

        assertRefused(() -> guestlist.authenticate(phone), Reason.NOT_LOGGED_IN);
        assertRefused(() -> guestlist.authenticate(laptop), Reason.NOT_LOGGED_IN);
        assertThat(guestlist.authenticate(member).name().value())
                .as("another account's session")
                .isEqualTo("member");
        assertRefused(() -> guestlist.login("anna", PASSWORD), Rule.APPLICATION_DENIED);
    }

    @Test
    void approvingAgainEndsNoSession() {
        LocalUser anna = guestlist.applicant("anna", "hello");
        decide(anna, true, Optional.empty());
        String session = guestlist.login("anna", PASSWORD);

        decide(anna, true, Optional.empty());

        assertThat(guestlist.authenticate(session).id()).isEqualTo(anna.id());
    }

    @Test
    void aRefusedDenialEndsNoSession() {
        LocalUser anna = guestlist.applicant("anna", "hello");
        decide(anna, true, Optional.empty());
        String session = guestlist.login("anna", PASSWORD);

        assertRefused(
                () -> decide(anna, false, Optional.of("x".repeat(RegistrationApplication.MAX_DENY_REASON_LENGTH + 1))),
                Rule.DENY_REASON_LENGTH);

        assertThat(guestlist.authenticate(session).id()).isEqualTo(anna.id());
        assertThat(guestlist.storedUser("anna").orElseThrow().acceptedApplication())
                .isTrue();
    }

    private ApplicationView decide(LocalUser applicant, boolean approve, Optional<String> reason) {
        ApplicationId applicationId =
                guestlist.storedApplication(applicant.id()).orElseThrow().id();
        return decision.decide(
                new DecideRegistrationApplicationCommand(guestlist.admin, applicationId, approve, reason));
    }
}
