package guestlist.application.service;

import static guestlist.application.service.Guestlist.form;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.CheckInviteValidityUseCase;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;
import guestlist.domain.site.RegistrationMode;
import java.time.Duration;
import java.util.Optional;
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
}
