package guestlist.domain.registration;

import static guestlist.domain.Fixtures.NOW;
import static guestlist.domain.Fixtures.invite;
import static guestlist.domain.Fixtures.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.Ban;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteClaim;
import guestlist.domain.site.RegistrationMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistrationPolicyTest {

    private static final String ANSWER = "I grow tomatoes and want to talk about it";

    /** Two uses, one taken, expiring in an hour: usable now. Its creator is user 3. */
    private static final Invite VALID = invite(Optional.of(2), 1, Optional.of(NOW.plus(Duration.ofHours(1))));

    private static final Invite EXPIRED = invite(Optional.of(2), 1, Optional.of(NOW));
    private static final Invite USED_UP = invite(Optional.of(2), 2, Optional.empty());

    /** VALID's creator, banned for another half hour (VALID expires in an hour): its invite admits nobody. */
    private static final LocalUser BANNED_CREATOR = banned(Optional.of(NOW.plus(Duration.ofMinutes(30))));

    /** VALID's creator, whose ban ended a second ago: its invite admits again. */
    private static final LocalUser BAN_ENDED_CREATOR = banned(Optional.of(NOW.minusSeconds(1)));

    /**
     * Every mode × invite × answer, with the exact outcome: "active" (no invite used), "invited"
     * (active, the invite redeemed), "pending" (an application with the answer), or the rule that
     * refused. "banned_creator" is the valid invite of a creator banned now, "ban_ended" the same
     * invite after its creator's ban has ended by itself.
     */
    @ParameterizedTest(name = "{0} with invite {1} and answer {2} -> {3}")
    @CsvSource(textBlock = """
            open,                 none,    given,  active
            open,                 none,    blank,  active
            open,                 none,    absent, active
            open,                 valid,   given,  invited
            open,                 valid,   blank,  invited
            open,                 valid,   absent, invited
            open,                 unknown, given,  INVITE_NOT_USABLE
            open,                 unknown, blank,  INVITE_NOT_USABLE
            open,                 unknown, absent, INVITE_NOT_USABLE
            open,                 expired, given,  INVITE_NOT_USABLE
            open,                 expired, blank,  INVITE_NOT_USABLE
            open,                 expired, absent, INVITE_NOT_USABLE
            open,                 used_up, given,  INVITE_NOT_USABLE
            open,                 used_up, blank,  INVITE_NOT_USABLE
            open,                 used_up, absent, INVITE_NOT_USABLE
            open,                 banned_creator, given,  INVITE_NOT_USABLE
            open,                 banned_creator, blank,  INVITE_NOT_USABLE
            open,                 banned_creator, absent, INVITE_NOT_USABLE
            open,                 ban_ended, given,  invited
            open,                 ban_ended, blank,  invited
            open,                 ban_ended, absent, invited
            require_application,  none,    given,  pending
            require_application,  none,    blank,  APPLICATION_ANSWER_REQUIRED
            require_application,  none,    absent, APPLICATION_ANSWER_REQUIRED
            require_application,  valid,   given,  invited
            require_application,  valid,   blank,  invited
            require_application,  valid,   absent, invited
            require_application,  unknown, given,  INVITE_NOT_USABLE
            require_application,  unknown, blank,  INVITE_NOT_USABLE
            require_application,  unknown, absent, INVITE_NOT_USABLE
            require_application,  expired, given,  INVITE_NOT_USABLE
            require_application,  expired, blank,  INVITE_NOT_USABLE
            require_application,  expired, absent, INVITE_NOT_USABLE
            require_application,  used_up, given,  INVITE_NOT_USABLE
            require_application,  used_up, blank,  INVITE_NOT_USABLE
            require_application,  used_up, absent, INVITE_NOT_USABLE
            require_application,  banned_creator, given,  INVITE_NOT_USABLE
            require_application,  banned_creator, blank,  INVITE_NOT_USABLE
            require_application,  banned_creator, absent, INVITE_NOT_USABLE
            require_application,  ban_ended, given,  invited
            require_application,  ban_ended, blank,  invited
            require_application,  ban_ended, absent, invited
            require_invitation,   none,    given,  INVITE_REQUIRED
            require_invitation,   none,    blank,  INVITE_REQUIRED
            require_invitation,   none,    absent, INVITE_REQUIRED
            require_invitation,   valid,   given,  invited
            require_invitation,   valid,   blank,  invited
            require_invitation,   valid,   absent, invited
            require_invitation,   unknown, given,  INVITE_NOT_USABLE
            require_invitation,   unknown, blank,  INVITE_NOT_USABLE
            require_invitation,   unknown, absent, INVITE_NOT_USABLE
            require_invitation,   expired, given,  INVITE_NOT_USABLE
            require_invitation,   expired, blank,  INVITE_NOT_USABLE
            require_invitation,   expired, absent, INVITE_NOT_USABLE
            require_invitation,   used_up, given,  INVITE_NOT_USABLE
            require_invitation,   used_up, blank,  INVITE_NOT_USABLE
            require_invitation,   used_up, absent, INVITE_NOT_USABLE
            require_invitation,   banned_creator, given,  INVITE_NOT_USABLE
            require_invitation,   banned_creator, blank,  INVITE_NOT_USABLE
            require_invitation,   banned_creator, absent, INVITE_NOT_USABLE
            require_invitation,   ban_ended, given,  invited
            require_invitation,   ban_ended, blank,  invited
            require_invitation,   ban_ended, absent, invited
            closed,               none,    given,  REGISTRATION_CLOSED
            closed,               none,    blank,  REGISTRATION_CLOSED
            closed,               none,    absent, REGISTRATION_CLOSED
            closed,               valid,   given,  REGISTRATION_CLOSED
            closed,               valid,   blank,  REGISTRATION_CLOSED
            closed,               valid,   absent, REGISTRATION_CLOSED
            closed,               unknown, given,  REGISTRATION_CLOSED
            closed,               unknown, blank,  REGISTRATION_CLOSED
            closed,               unknown, absent, REGISTRATION_CLOSED
            closed,               expired, given,  REGISTRATION_CLOSED
            closed,               expired, blank,  REGISTRATION_CLOSED
            closed,               expired, absent, REGISTRATION_CLOSED
            closed,               used_up, given,  REGISTRATION_CLOSED
            closed,               used_up, blank,  REGISTRATION_CLOSED
            closed,               used_up, absent, REGISTRATION_CLOSED
            closed,               banned_creator, given,  REGISTRATION_CLOSED
            closed,               banned_creator, blank,  REGISTRATION_CLOSED
            closed,               banned_creator, absent, REGISTRATION_CLOSED
            closed,               ban_ended, given,  REGISTRATION_CLOSED
            closed,               ban_ended, blank,  REGISTRATION_CLOSED
            closed,               ban_ended, absent, REGISTRATION_CLOSED
            """)
    void decidesEveryModeInviteAndAnswer(String mode, String invite, String answer, String expected) {
        RegistrationMode registrationMode = RegistrationMode.valueOf(mode.toUpperCase(Locale.ROOT));
        InviteClaim claim = claim(invite);
        Optional<String> givenAnswer = answer(answer);

        switch (expected) {
            case "active" ->
                assertThat(RegistrationPolicy.decide(registrationMode, claim, givenAnswer, NOW))
                        .isEqualTo(new RegistrationDecision.ActiveAccount(Optional.empty()));
            case "invited" -> {
                RegistrationDecision decision = RegistrationPolicy.decide(registrationMode, claim, givenAnswer, NOW);
                assertThat(decision).isInstanceOfSatisfying(RegistrationDecision.ActiveAccount.class, active -> {
                    assertThat(active.redeemedInvite()).contains(VALID.redeem(NOW));
                    assertThat(active.invitedBy()).contains(VALID.creatorId());
                });
            }
            case "pending" ->
                assertThat(RegistrationPolicy.decide(registrationMode, claim, givenAnswer, NOW))
                        .isEqualTo(new RegistrationDecision.PendingApplication(ANSWER));
            default ->
                assertThatThrownBy(() -> RegistrationPolicy.decide(registrationMode, claim, givenAnswer, NOW))
                        .isInstanceOfSatisfying(
                                Refusal.class, e -> assertThat(e.rule().name()).isEqualTo(expected));
        }
    }

    @Test
    void validInviteSkipsTheApplication() {
        RegistrationDecision decision = RegistrationPolicy.decide(
                RegistrationMode.REQUIRE_APPLICATION,
                InviteClaim.presented(Optional.of(VALID)),
                Optional.of(ANSWER),
                NOW);
        assertThat(decision).isInstanceOf(RegistrationDecision.ActiveAccount.class);
    }

    @Test
    void closedRefusesEvenAValidUnlimitedInvite() {
        Invite unlimited = invite(Optional.empty(), 0, Optional.empty());
        assertThatThrownBy(() -> RegistrationPolicy.decide(
                        RegistrationMode.CLOSED,
                        InviteClaim.presented(Optional.of(unlimited)),
                        Optional.of(ANSWER),
                        NOW))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.REGISTRATION_CLOSED));
    }

    @Test
    void redeemedInviteInTheDecisionHasOneMoreUse() {
        RegistrationDecision decision = RegistrationPolicy.decide(
                RegistrationMode.REQUIRE_INVITATION, InviteClaim.presented(Optional.of(VALID)), Optional.empty(), NOW);
        Invite redeemed =
                ((RegistrationDecision.ActiveAccount) decision).redeemedInvite().orElseThrow();
        assertThat(redeemed.usesCount()).isEqualTo(VALID.usesCount() + 1);
        assertThat(redeemed.id()).isEqualTo(VALID.id());
        assertThat(redeemed.token()).isEqualTo(VALID.token());
    }

    @Test
    void lastUseIsReportedUsedUpSoTheCallerDeletesIt() {
        RegistrationDecision decision = RegistrationPolicy.decide(
                RegistrationMode.OPEN, InviteClaim.presented(Optional.of(VALID)), Optional.empty(), NOW);
        Invite redeemed =
                ((RegistrationDecision.ActiveAccount) decision).redeemedInvite().orElseThrow();
        assertThat(redeemed.usedUp()).isTrue();
    }

    @Test
    void pendingApplicationKeepsTheAnswerAsWritten() {
        String spaced = "  spaced answer  ";
        assertThat(RegistrationPolicy.decide(
                        RegistrationMode.REQUIRE_APPLICATION, InviteClaim.none(), Optional.of(spaced), NOW))
                .isEqualTo(new RegistrationDecision.PendingApplication(spaced));
    }

    private static InviteClaim claim(String invite) {
        return switch (invite) {
            case "none" -> InviteClaim.none();
            case "valid" -> InviteClaim.presented(Optional.of(VALID));
            case "unknown" -> InviteClaim.presented(Optional.empty());
            case "expired" -> InviteClaim.presented(Optional.of(EXPIRED));
            case "used_up" -> InviteClaim.presented(Optional.of(USED_UP));
            case "banned_creator" -> InviteClaim.presented(VALID, BANNED_CREATOR);
            case "ban_ended" -> InviteClaim.presented(VALID, BAN_ENDED_CREATOR);
            default -> throw new IllegalArgumentException(invite);
        };
    }

    private static LocalUser banned(Optional<Instant> until) {
        return member(VALID.creatorId().value())
                .withBan(Optional.of(new Ban("spam", until, NOW.minus(Duration.ofDays(2)))));
    }

    @Test
    void aCreatorGivenWithTheInviteMustBeItsCreator() {
        LocalUser someoneElse = member(VALID.creatorId().value() + 1);

        assertThatThrownBy(() -> InviteClaim.presented(VALID, someoneElse))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCreatorsBanIsJudgedAtTheMomentOfRegistration() {
        InviteClaim claim = InviteClaim.presented(VALID, BANNED_CREATOR);
        Instant banEnds = BANNED_CREATOR.ban().orElseThrow().expiresAt().orElseThrow();

        assertThatThrownBy(() -> RegistrationPolicy.decide(
                        RegistrationMode.OPEN, claim, Optional.empty(), banEnds.minusNanos(1000)))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.INVITE_NOT_USABLE));
        assertThat(RegistrationPolicy.decide(RegistrationMode.OPEN, claim, Optional.empty(), banEnds))
                .isInstanceOf(RegistrationDecision.ActiveAccount.class);
    }

    private static Optional<String> answer(String answer) {
        return switch (answer) {
            case "given" -> Optional.of(ANSWER);
            case "blank" -> Optional.of(" \t ");
            case "absent" -> Optional.empty();
            default -> throw new IllegalArgumentException(answer);
        };
    }
}
