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
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** The limit of sign-ups through invites in the columns that set one. */
    private static final int SIGNUPS_PER_DAY = 7;

    /**
     * Every mode × invite × answer, under every setting of {@code invites_skip_application} and of
     * the daily limit of sign-ups through invites, with the exact outcome: "active" (no invite used),
     * "invited" (active, the invite redeemed), "pending" (an application with the answer),
     * "pending_invited" (an application with the answer, the invite redeemed), or the rule that
     * refused. "banned_creator" is the valid invite of a creator banned now, "ban_ended" the same
     * invite after its creator's ban has ended by itself. The columns after the answer:
     *
     * <ul>
     *   <li>{@code default}: invites skip the application, no daily limit (a new site);</li>
     *   <li>{@code under}: invites skip it, 6 of the limit of 7 joined in the last 24 hours;</li>
     *   <li>{@code paused}: invites skip it, 7 of 7 joined;</li>
     *   <li>{@code no_skip}, {@code no_skip_under}, {@code no_skip_paused}: the same three with
     *       invites that do not skip the application.</li>
     * </ul>
     */
    @ParameterizedTest(name = "{0} with invite {1} and answer {2} -> {3} / {4} / {5} / {6} / {7} / {8}")
    @CsvSource(textBlock = """
            open,                 none,     given,   active,                       active,                       active,                       active,                       active,                       active
            open,                 none,     blank,   active,                       active,                       active,                       active,                       active,                       active
            open,                 none,     absent,  active,                       active,                       active,                       active,                       active,                       active
            open,                 valid,    given,   invited,                      invited,                      INVITE_SIGNUPS_PAUSED,        invited,                      invited,                      INVITE_SIGNUPS_PAUSED
            open,                 valid,    blank,   invited,                      invited,                      INVITE_SIGNUPS_PAUSED,        invited,                      invited,                      INVITE_SIGNUPS_PAUSED
            open,                 valid,    absent,  invited,                      invited,                      INVITE_SIGNUPS_PAUSED,        invited,                      invited,                      INVITE_SIGNUPS_PAUSED
            open,                 banned_creator, given,  INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE
            open,                 banned_creator, blank,  INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE
            open,                 banned_creator, absent, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE
            open,                 ban_ended, given,  invited, invited, INVITE_SIGNUPS_PAUSED, invited, invited, INVITE_SIGNUPS_PAUSED
            open,                 ban_ended, blank,  invited, invited, INVITE_SIGNUPS_PAUSED, invited, invited, INVITE_SIGNUPS_PAUSED
            open,                 ban_ended, absent, invited, invited, INVITE_SIGNUPS_PAUSED, invited, invited, INVITE_SIGNUPS_PAUSED
            open,                 unknown,  given,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            open,                 unknown,  blank,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            open,                 unknown,  absent,  INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            open,                 expired,  given,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            open,                 expired,  blank,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            open,                 expired,  absent,  INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            open,                 used_up,  given,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            open,                 used_up,  blank,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            open,                 used_up,  absent,  INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_application,  none,     given,   pending,                      pending,                      pending,                      pending,                      pending,                      pending
            require_application,  none,     blank,   APPLICATION_ANSWER_REQUIRED,  APPLICATION_ANSWER_REQUIRED,  APPLICATION_ANSWER_REQUIRED,  APPLICATION_ANSWER_REQUIRED,  APPLICATION_ANSWER_REQUIRED,  APPLICATION_ANSWER_REQUIRED
            require_application,  none,     absent,  APPLICATION_ANSWER_REQUIRED,  APPLICATION_ANSWER_REQUIRED,  APPLICATION_ANSWER_REQUIRED,  APPLICATION_ANSWER_REQUIRED,  APPLICATION_ANSWER_REQUIRED,  APPLICATION_ANSWER_REQUIRED
            require_application,  valid,    given,   invited,                      invited,                      INVITE_SIGNUPS_PAUSED,        pending_invited,              pending_invited,              INVITE_SIGNUPS_PAUSED
            require_application,  valid,    blank,   invited,                      invited,                      INVITE_SIGNUPS_PAUSED,        APPLICATION_ANSWER_REQUIRED,  APPLICATION_ANSWER_REQUIRED,  INVITE_SIGNUPS_PAUSED
            require_application,  valid,    absent,  invited,                      invited,                      INVITE_SIGNUPS_PAUSED,        APPLICATION_ANSWER_REQUIRED,  APPLICATION_ANSWER_REQUIRED,  INVITE_SIGNUPS_PAUSED
            require_application,  banned_creator, given,  INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE
            require_application,  banned_creator, blank,  INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE
            require_application,  banned_creator, absent, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE
            require_application,  ban_ended, given,  invited, invited, INVITE_SIGNUPS_PAUSED, pending_invited, pending_invited, INVITE_SIGNUPS_PAUSED
            require_application,  ban_ended, blank,  invited, invited, INVITE_SIGNUPS_PAUSED, APPLICATION_ANSWER_REQUIRED, APPLICATION_ANSWER_REQUIRED, INVITE_SIGNUPS_PAUSED
            require_application,  ban_ended, absent, invited, invited, INVITE_SIGNUPS_PAUSED, APPLICATION_ANSWER_REQUIRED, APPLICATION_ANSWER_REQUIRED, INVITE_SIGNUPS_PAUSED
            require_application,  unknown,  given,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_application,  unknown,  blank,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_application,  unknown,  absent,  INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_application,  expired,  given,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_application,  expired,  blank,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_application,  expired,  absent,  INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_application,  used_up,  given,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_application,  used_up,  blank,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_application,  used_up,  absent,  INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_invitation,   none,     given,   INVITE_REQUIRED,              INVITE_REQUIRED,              INVITE_REQUIRED,              INVITE_REQUIRED,              INVITE_REQUIRED,              INVITE_REQUIRED
            require_invitation,   none,     blank,   INVITE_REQUIRED,              INVITE_REQUIRED,              INVITE_REQUIRED,              INVITE_REQUIRED,              INVITE_REQUIRED,              INVITE_REQUIRED
            require_invitation,   none,     absent,  INVITE_REQUIRED,              INVITE_REQUIRED,              INVITE_REQUIRED,              INVITE_REQUIRED,              INVITE_REQUIRED,              INVITE_REQUIRED
            require_invitation,   valid,    given,   invited,                      invited,                      INVITE_SIGNUPS_PAUSED,        invited,                      invited,                      INVITE_SIGNUPS_PAUSED
            require_invitation,   valid,    blank,   invited,                      invited,                      INVITE_SIGNUPS_PAUSED,        invited,                      invited,                      INVITE_SIGNUPS_PAUSED
            require_invitation,   valid,    absent,  invited,                      invited,                      INVITE_SIGNUPS_PAUSED,        invited,                      invited,                      INVITE_SIGNUPS_PAUSED
            require_invitation,   banned_creator, given,  INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE
            require_invitation,   banned_creator, blank,  INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE
            require_invitation,   banned_creator, absent, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE, INVITE_NOT_USABLE
            require_invitation,   ban_ended, given,  invited, invited, INVITE_SIGNUPS_PAUSED, invited, invited, INVITE_SIGNUPS_PAUSED
            require_invitation,   ban_ended, blank,  invited, invited, INVITE_SIGNUPS_PAUSED, invited, invited, INVITE_SIGNUPS_PAUSED
            require_invitation,   ban_ended, absent, invited, invited, INVITE_SIGNUPS_PAUSED, invited, invited, INVITE_SIGNUPS_PAUSED
            require_invitation,   unknown,  given,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_invitation,   unknown,  blank,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_invitation,   unknown,  absent,  INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_invitation,   expired,  given,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_invitation,   expired,  blank,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_invitation,   expired,  absent,  INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_invitation,   used_up,  given,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_invitation,   used_up,  blank,   INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            require_invitation,   used_up,  absent,  INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE,            INVITE_NOT_USABLE
            closed,               none,     given,   REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED
            closed,               none,     blank,   REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED
            closed,               none,     absent,  REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED
            closed,               valid,    given,   REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED
            closed,               valid,    blank,   REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED
            closed,               valid,    absent,  REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED
            closed,               banned_creator, given,  REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED
            closed,               banned_creator, blank,  REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED
            closed,               banned_creator, absent, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED
            closed,               ban_ended, given,  REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED
            closed,               ban_ended, blank,  REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED
            closed,               ban_ended, absent, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED, REGISTRATION_CLOSED
            closed,               unknown,  given,   REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED
            closed,               unknown,  blank,   REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED
            closed,               unknown,  absent,  REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED
            closed,               expired,  given,   REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED
            closed,               expired,  blank,   REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED
            closed,               expired,  absent,  REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED
            closed,               used_up,  given,   REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED
            closed,               used_up,  blank,   REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED
            closed,               used_up,  absent,  REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED,          REGISTRATION_CLOSED
            """)
    void decidesEveryModeInviteAndAnswerUnderEverySetting(
            String mode,
            String invite,
            String answer,
            String byDefault,
            String under,
            String paused,
            String noSkip,
            String noSkipUnder,
            String noSkipPaused) {
        RegistrationMode registrationMode = RegistrationMode.valueOf(mode.toUpperCase(Locale.ROOT));
        InviteClaim claim = claim(invite);
        Optional<String> givenAnswer = answer(answer);

        assertDecision(byDefault, registration(site(registrationMode, true, 0), claim, givenAnswer, 0));
        assertDecision(
                under,
                registration(site(registrationMode, true, SIGNUPS_PER_DAY), claim, givenAnswer, SIGNUPS_PER_DAY - 1));
        assertDecision(
                paused,
                registration(site(registrationMode, true, SIGNUPS_PER_DAY), claim, givenAnswer, SIGNUPS_PER_DAY));
        assertDecision(noSkip, registration(site(registrationMode, false, 0), claim, givenAnswer, 0));
        assertDecision(
                noSkipUnder,
                registration(site(registrationMode, false, SIGNUPS_PER_DAY), claim, givenAnswer, SIGNUPS_PER_DAY - 1));
        assertDecision(
                noSkipPaused,
                registration(site(registrationMode, false, SIGNUPS_PER_DAY), claim, givenAnswer, SIGNUPS_PER_DAY));
    }

    private static void assertDecision(String expected, RegistrationPolicy.Registration registration) {
        switch (expected) {
            case "active" ->
                assertThat(RegistrationPolicy.decide(registration))
                        .isEqualTo(new RegistrationDecision.ActiveAccount(Optional.empty()));
            case "invited" ->
                assertThat(RegistrationPolicy.decide(registration))
                        .isEqualTo(new RegistrationDecision.ActiveAccount(Optional.of(VALID.redeem(NOW))));
            case "pending" ->
                assertThat(RegistrationPolicy.decide(registration))
                        .isEqualTo(new RegistrationDecision.PendingApplication(ANSWER, Optional.empty()));
            case "pending_invited" -> {
                RegistrationDecision decision = RegistrationPolicy.decide(registration);
                assertThat(decision)
                        .isEqualTo(new RegistrationDecision.PendingApplication(ANSWER, Optional.of(VALID.redeem(NOW))));
                assertThat(decision.invitedBy()).contains(VALID.creatorId());
            }
            default ->
                assertThatThrownBy(() -> RegistrationPolicy.decide(registration))
                        .isInstanceOfSatisfying(
                                Refusal.class, e -> assertThat(e.rule().name()).isEqualTo(expected));
        }
    }

    // --- the count of sign-ups through invites: asked only when it decides something -------------

    @Test
    void signupCountIsAskedForAUsableInviteWhileTheSiteLimitsThemOverTheLast24Hours() {
        List<Instant> asked = new ArrayList<>();

        RegistrationPolicy.decide(new RegistrationPolicy.Registration(
                site(RegistrationMode.REQUIRE_INVITATION, true, SIGNUPS_PER_DAY),
                InviteClaim.presented(Optional.of(VALID)),
                Optional.empty(),
                NOW,
                since -> {
                    asked.add(since);
                    return 0;
                }));

        assertThat(asked).containsExactly(NOW.minus(Duration.ofHours(24)));
    }

    @ParameterizedTest(name = "{0}, invite {1}, limit {2}: not counted")
    @CsvSource(textBlock = """
            open,                none,    7
            require_application, none,    7
            require_invitation,  none,    7
            closed,              valid,   7
            open,                unknown, 7
            open,                expired, 7
            open,                used_up, 7
            open,                valid,   0
            require_application, valid,   0
            """)
    void signupCountIsNotAskedWhenItDecidesNothing(String mode, String invite, int limit) {
        AtomicInteger asked = new AtomicInteger();
        RegistrationPolicy.Registration registration = new RegistrationPolicy.Registration(
                site(RegistrationMode.valueOf(mode.toUpperCase(Locale.ROOT)), false, limit),
                claim(invite),
                Optional.of(ANSWER),
                NOW,
                since -> asked.incrementAndGet());

        try {
            RegistrationPolicy.decide(registration);
        } catch (Refusal refusedForAnotherReason) {
            assertThat(refusedForAnotherReason.rule()).isNotEqualTo(Rule.INVITE_SIGNUPS_PAUSED);
        }

        assertThat(asked).hasValue(0);
    }

    @Test
    void pausedSignupsRefuseBeforeTheMissingAnswerIsNoticed() {
        assertThatThrownBy(() -> RegistrationPolicy.decide(registration(
                        site(RegistrationMode.REQUIRE_APPLICATION, false, 1),
                        InviteClaim.presented(Optional.of(VALID)),
                        Optional.empty(),
                        1)))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.INVITE_SIGNUPS_PAUSED));
    }

    @Test
    void validInviteSkipsTheApplication() {
        RegistrationDecision decision = decide(
                RegistrationMode.REQUIRE_APPLICATION, InviteClaim.presented(Optional.of(VALID)), Optional.of(ANSWER));
        assertThat(decision).isInstanceOf(RegistrationDecision.ActiveAccount.class);
    }

    @Test
    void closedRefusesEvenAValidUnlimitedInvite() {
        Invite unlimited = invite(Optional.empty(), 0, Optional.empty());
        assertThatThrownBy(() -> decide(
                        RegistrationMode.CLOSED, InviteClaim.presented(Optional.of(unlimited)), Optional.of(ANSWER)))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.REGISTRATION_CLOSED));
    }

    @Test
    void redeemedInviteInTheDecisionHasOneMoreUse() {
        RegistrationDecision decision = decide(
                RegistrationMode.REQUIRE_INVITATION, InviteClaim.presented(Optional.of(VALID)), Optional.empty());
        Invite redeemed =
                ((RegistrationDecision.ActiveAccount) decision).redeemedInvite().orElseThrow();
        assertThat(redeemed.usesCount()).isEqualTo(VALID.usesCount() + 1);
        assertThat(redeemed.id()).isEqualTo(VALID.id());
        assertThat(redeemed.token()).isEqualTo(VALID.token());
    }

    @Test
    void lastUseIsReportedUsedUpSoTheCallerDeletesIt() {
        RegistrationDecision decision =
                decide(RegistrationMode.OPEN, InviteClaim.presented(Optional.of(VALID)), Optional.empty());
        Invite redeemed =
                ((RegistrationDecision.ActiveAccount) decision).redeemedInvite().orElseThrow();
        assertThat(redeemed.usedUp()).isTrue();
    }

    @Test
    void pendingApplicationKeepsTheAnswerAsWritten() {
        String spaced = "  spaced answer  ";
        assertThat(decide(RegistrationMode.REQUIRE_APPLICATION, InviteClaim.none(), Optional.of(spaced)))
                .isEqualTo(new RegistrationDecision.PendingApplication(spaced, Optional.empty()));
    }

    /** A decision on a site with the defaults but for {@code mode}. */
    private static RegistrationDecision decide(RegistrationMode mode, InviteClaim claim, Optional<String> answer) {
        return RegistrationPolicy.decide(registration(site(mode, true, 0), claim, answer, 0));
    }

    private static RegistrationPolicy.Registration registration(
            LocalSite site, InviteClaim claim, Optional<String> answer, long joinedInTheLastDay) {
        return new RegistrationPolicy.Registration(site, claim, answer, NOW, since -> joinedInTheLastDay);
    }

    private static LocalSite site(RegistrationMode mode, boolean invitesSkipApplication, int signupsPerDay) {
        return LocalSite.initial("Guests", NOW.minus(Duration.ofDays(30)))
                .edit(new SiteChanges(Optional.empty(), Optional.of(mode), Optional.empty(), Optional.empty())
                        .withInvitesSkipApplication(invitesSkipApplication)
                        .withInviteSignupsPerDay(signupsPerDay));
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
        LocalSite open = site(RegistrationMode.OPEN, true, 0);

        assertThatThrownBy(() -> RegistrationPolicy.decide(new RegistrationPolicy.Registration(
                        open, claim, Optional.empty(), banEnds.minusNanos(1000), since -> 0)))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.INVITE_NOT_USABLE));
        assertThat(RegistrationPolicy.decide(
                        new RegistrationPolicy.Registration(open, claim, Optional.empty(), banEnds, since -> 0)))
                .isInstanceOf(RegistrationDecision.ActiveAccount.class);
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

    private static Optional<String> answer(String answer) {
        return switch (answer) {
            case "given" -> Optional.of(ANSWER);
            case "blank" -> Optional.of(" \t ");
            case "absent" -> Optional.empty();
            default -> throw new IllegalArgumentException(answer);
        };
    }
}
