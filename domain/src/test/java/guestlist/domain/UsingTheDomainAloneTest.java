package guestlist.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.domain.account.LocalUserId;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteClaim;
import guestlist.domain.invite.InviteId;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.registration.RegistrationDecision;
import guestlist.domain.registration.RegistrationPolicy;
import guestlist.domain.site.RegistrationMode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The README's guide "Using the domain alone", compiled and run: another team decides a
 * registration with nothing but the domain module, its own storage and its own clock.
 */
class UsingTheDomainAloneTest {

    @Test
    void aTeamDecidesRegistrationsWithTheDomainAlone() {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");

        // A member issues a one-use invite that lasts a week; the team stores it and gets an id.
        Invite invite = Invite.issue(
                        InviteToken.random(new SecureRandom()),
                        new LocalUserId(7),
                        Optional.of(1),
                        Optional.of(now.plus(Duration.ofDays(7))),
                        now)
                .withId(new InviteId(1));

        // A newcomer presents the invite's token on an invitation-only site.
        RegistrationDecision decision = RegistrationPolicy.decide(
                RegistrationMode.REQUIRE_INVITATION, InviteClaim.presented(Optional.of(invite)), Optional.empty(), now);

        // Admitted at once, as member 7's guest; the invite's one use is taken, so the team deletes it.
        RegistrationDecision.ActiveAccount admitted = (RegistrationDecision.ActiveAccount) decision;
        assertThat(admitted.invitedBy()).contains(new LocalUserId(7));
        assertThat(admitted.redeemedInvite())
                .hasValueSatisfying(used -> assertThat(used.usedUp()).isTrue());

        // Without an invite the same site refuses, and the refusal names the rule.
        assertThatThrownBy(() -> RegistrationPolicy.decide(
                        RegistrationMode.REQUIRE_INVITATION, InviteClaim.none(), Optional.empty(), now))
                .isInstanceOfSatisfying(
                        Refusal.class, refusal -> assertThat(refusal.rule()).isEqualTo(Rule.INVITE_REQUIRED));

        // A week later the invite has expired: presenting it is refused as not usable.
        Instant nextWeek = now.plus(Duration.ofDays(7));
        assertThatThrownBy(() -> RegistrationPolicy.decide(
                        RegistrationMode.OPEN, InviteClaim.presented(Optional.of(invite)), Optional.empty(), nextWeek))
                .isInstanceOfSatisfying(
                        Refusal.class, refusal -> assertThat(refusal.rule()).isEqualTo(Rule.INVITE_NOT_USABLE));
    }
}
