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
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
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
                        Optional.of("for my neighbour"),
                        now)
                .withId(new InviteId(1));

        // The team's site admits new members by invitation only (the other settings as a new site has them).
        LocalSite site = LocalSite.initial("Our forum", now)
                .edit(new SiteChanges(
                        Optional.empty(),
                        Optional.of(RegistrationMode.REQUIRE_INVITATION),
                        Optional.empty(),
                        Optional.empty()));

        // A newcomer presents the invite's token. The last argument would count the sign-ups through
        // invites since an instant; it is asked only when the site limits them per day, which it does not.
        RegistrationDecision decision = RegistrationPolicy.decide(new RegistrationPolicy.Registration(
                site, InviteClaim.presented(Optional.of(invite)), Optional.empty(), now, since -> 0));

        // Admitted at once, as member 7's guest; the invite's one use is taken, so the team deletes it.
        RegistrationDecision.ActiveAccount admitted = (RegistrationDecision.ActiveAccount) decision;
        assertThat(admitted.invitedBy()).contains(new LocalUserId(7));
        assertThat(admitted.redeemedInvite())
                .hasValueSatisfying(used -> assertThat(used.usedUp()).isTrue());

        // Without an invite the same site refuses, and the refusal names the rule.
        assertThatThrownBy(() -> RegistrationPolicy.decide(new RegistrationPolicy.Registration(
                        site, InviteClaim.none(), Optional.empty(), now, since -> 0)))
                .isInstanceOfSatisfying(
                        Refusal.class, refusal -> assertThat(refusal.rule()).isEqualTo(Rule.INVITE_REQUIRED));

        // A week later the invite has expired: presenting it is refused as not usable.
        Instant nextWeek = now.plus(Duration.ofDays(7));
        assertThatThrownBy(() -> RegistrationPolicy.decide(new RegistrationPolicy.Registration(
                        site, InviteClaim.presented(Optional.of(invite)), Optional.empty(), nextWeek, since -> 0)))
                .isInstanceOfSatisfying(
                        Refusal.class, refusal -> assertThat(refusal.rule()).isEqualTo(Rule.INVITE_NOT_USABLE));
    }
}
