package guestlist.domain.registration;

import static guestlist.domain.Fixtures.NOW;
import static guestlist.domain.Fixtures.admin;
import static guestlist.domain.Fixtures.unreadApplication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.InvitePermission;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.Username;
import guestlist.domain.application.RegistrationApplication;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginPolicyTest {

    private static final LocalUser ACCEPTED = new LocalUser(
            new LocalUserId(5),
            new Username("alice"),
            Optional.empty(),
            false,
            true,
            Optional.empty(),
            NOW,
            Optional.empty(),
            InvitePermission.ALLOWED,
            0);
    private static final LocalUser NOT_ACCEPTED = ACCEPTED.withAcceptedApplication(false);

    @Test
    void acceptedAccountMayLogIn() {
        assertThatNoException().isThrownBy(() -> LoginPolicy.checkMayLogIn(ACCEPTED, Optional.empty(), NOW));
    }

    @Test
    void acceptedAccountMayLogInWhateverItsApplicationSays() {
        RegistrationApplication denied = unreadApplication().decide(admin(1), false, Optional.of("no"), NOW);
        assertThatNoException().isThrownBy(() -> LoginPolicy.checkMayLogIn(ACCEPTED, Optional.of(denied), NOW));
    }

    @Test
    void notAcceptedAccountWithoutApplicationIsPending() {
        assertThatThrownBy(() -> LoginPolicy.checkMayLogIn(NOT_ACCEPTED, Optional.empty(), NOW))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.APPLICATION_PENDING));
    }

    @Test
    void unreadApplicationIsPending() {
        assertThatThrownBy(() -> LoginPolicy.checkMayLogIn(NOT_ACCEPTED, Optional.of(unreadApplication()), NOW))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.APPLICATION_PENDING));
    }

    @Test
    void deniedApplicationIsRefusedWithTheReasonInTheMessage() {
        RegistrationApplication denied =
                unreadApplication().decide(admin(1), false, Optional.of("we are full this month"), NOW);
        assertThatThrownBy(() -> LoginPolicy.checkMayLogIn(NOT_ACCEPTED, Optional.of(denied), NOW))
                .isInstanceOfSatisfying(Refusal.class, e -> {
                    assertThat(e.rule()).isEqualTo(Rule.APPLICATION_DENIED);
                    assertThat(e.getMessage()).contains("we are full this month");
                });
    }

    @Test
    void deniedApplicationWithoutReasonIsRefused() {
        RegistrationApplication denied = unreadApplication().decide(admin(1), false, Optional.empty(), NOW);
        assertThatThrownBy(() -> LoginPolicy.checkMayLogIn(NOT_ACCEPTED, Optional.of(denied), NOW))
                .isInstanceOfSatisfying(Refusal.class, e -> {
                    assertThat(e.rule()).isEqualTo(Rule.APPLICATION_DENIED);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }
}
