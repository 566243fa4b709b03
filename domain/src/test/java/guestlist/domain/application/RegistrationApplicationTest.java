package guestlist.domain.application;

import static guestlist.domain.Fixtures.NOW;
import static guestlist.domain.Fixtures.admin;
import static guestlist.domain.Fixtures.member;
import static guestlist.domain.Fixtures.unreadApplication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.registration.LoginPolicy;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrationApplicationTest {

    @Test
    void newApplicationIsUnread() {
        assertThat(unreadApplication().unread()).isTrue();
    }

    @Test
    void decisionStandsWhenTheDecidingAdminIsGone() {
        RegistrationApplication denied = unreadApplication().decide(admin(1), false, Optional.of("no"), NOW);
        RegistrationApplication adminDeleted = new RegistrationApplication(
                denied.id(),
                denied.userId(),
                denied.answer(),
                Optional.empty(),
                denied.denyReason(),
                denied.publishedAt(),
                denied.updatedAt());

        assertThat(adminDeleted.unread()).isFalse();
        assertThatThrownBy(() -> LoginPolicy.checkMayLogIn(
                        member(7).withAcceptedApplication(false), Optional.of(adminDeleted), NOW))
                .isInstanceOfSatisfying(
                        Refusal.class, refused -> assertThat(refused.rule()).isEqualTo(Rule.APPLICATION_DENIED));
    }

    @Test
    void approvalRecordsTheAdminAndTimeAndNoReason() {
        RegistrationApplication approved = unreadApplication().decide(admin(1), true, Optional.empty(), NOW);
        assertThat(approved.unread()).isFalse();
        assertThat(approved.adminId()).contains(new LocalUserId(1));
        assertThat(approved.denyReason()).isEmpty();
        assertThat(approved.updatedAt()).contains(NOW);
    }

    @Test
    void approvalIgnoresAGivenReason() {
        RegistrationApplication approved = unreadApplication().decide(admin(1), true, Optional.of("spam"), NOW);
        assertThat(approved.denyReason()).isEmpty();
    }

    @Test
    void denialKeepsTheReason() {
        RegistrationApplication denied =
                unreadApplication().decide(admin(1), false, Optional.of("no spam please"), NOW);
        assertThat(denied.adminId()).contains(new LocalUserId(1));
        assertThat(denied.denyReason()).contains("no spam please");
        assertThat(denied.updatedAt()).contains(NOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t"})
    void blankReasonCountsAsNone(String blank) {
        RegistrationApplication denied = unreadApplication().decide(admin(1), false, Optional.of(blank), NOW);
        assertThat(denied.denyReason()).isEmpty();
        assertThat(denied.unread()).isFalse();
    }

    @Test
    void decisionKeepsWhatTheApplicantWrote() {
        RegistrationApplication before = unreadApplication();
        RegistrationApplication denied = before.decide(admin(1), false, Optional.of("no"), NOW);
        assertThat(denied.id()).isEqualTo(before.id());
        assertThat(denied.userId()).isEqualTo(before.userId());
        assertThat(denied.answer()).isEqualTo(before.answer());
        assertThat(denied.publishedAt()).isEqualTo(before.publishedAt());
    }

    @Test
    void laterApprovalReplacesEarlierDenialAndClearsItsReason() {
        RegistrationApplication denied = unreadApplication().decide(admin(1), false, Optional.of("no"), NOW);
        RegistrationApplication approved = denied.decide(admin(2), true, Optional.empty(), NOW.plusSeconds(5));
        assertThat(approved.adminId()).contains(new LocalUserId(2));
        assertThat(approved.denyReason()).isEmpty();
        assertThat(approved.updatedAt()).contains(NOW.plusSeconds(5));
    }

    @Test
    void laterDenialReplacesEarlierApproval() {
        RegistrationApplication approved = unreadApplication().decide(admin(1), true, Optional.empty(), NOW);
        RegistrationApplication denied =
                approved.decide(admin(2), false, Optional.of("changed my mind"), NOW.plusSeconds(5));
        assertThat(denied.adminId()).contains(new LocalUserId(2));
        assertThat(denied.denyReason()).contains("changed my mind");
        assertThat(denied.updatedAt()).contains(NOW.plusSeconds(5));
    }

    @Test
    void nonAdminMayNotDecide() {
        assertThatThrownBy(() -> unreadApplication().decide(member(2), true, Optional.empty(), NOW))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.ADMIN_ONLY));
    }

    @Test
    void overlongReasonIsRefused() {
        assertThat(unreadApplication()
                        .decide(admin(1), false, Optional.of("r".repeat(10_000)), NOW)
                        .denyReason())
                .contains("r".repeat(10_000));
        assertThatThrownBy(() -> unreadApplication().decide(admin(1), false, Optional.of("r".repeat(10_001)), NOW))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.DENY_REASON_LENGTH));
    }
}
