package guestlist.domain.site;

import static guestlist.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalSiteTest {

    private static final LocalSite SITE = site(0, 0, 0, true);

    @Test
    void newSiteRequiresApplicationsAndCapsAtTen() {
        LocalSite site = LocalSite.initial("Fresh", NOW);
        assertThat(site.registrationMode()).isEqualTo(RegistrationMode.REQUIRE_APPLICATION);
        assertThat(site.maxInvitesPerUser()).isEqualTo(10);
        assertThat(site.applicationQuestion()).isEmpty();
        assertThat(site.name()).isEqualTo("Fresh");
        assertThat(site.publishedAt()).isEqualTo(NOW);
    }

    @Test
    void editWithNothingKeepsEverything() {
        assertThat(SITE.edit(SiteChanges.none())).isEqualTo(SITE);
    }

    @Test
    void editChangesOnlyWhatIsGiven() {
        LocalSite edited = SITE.edit(new SiteChanges(
                Optional.empty(), Optional.of(RegistrationMode.CLOSED), Optional.empty(), Optional.empty()));
        assertThat(edited.registrationMode()).isEqualTo(RegistrationMode.CLOSED);
        assertThat(edited.name()).isEqualTo(SITE.name());
        assertThat(edited.applicationQuestion()).isEqualTo(SITE.applicationQuestion());
        assertThat(edited.maxInvitesPerUser()).isEqualTo(SITE.maxInvitesPerUser());
        assertThat(edited.id()).isEqualTo(SITE.id());
        assertThat(edited.publishedAt()).isEqualTo(SITE.publishedAt());
    }

    @Test
    void editChangesEveryGivenValue() {
        LocalSite edited = SITE.edit(new SiteChanges(
                Optional.of("Renamed"),
                Optional.of(RegistrationMode.REQUIRE_INVITATION),
                Optional.of("Who invited you?"),
                Optional.of(3)));
        assertThat(edited)
                .isEqualTo(new LocalSite(
                        1,
                        "Renamed",
                        RegistrationMode.REQUIRE_INVITATION,
                        Optional.of("Who invited you?"),
                        3,
                        0,
                        0,
                        0,
                        true,
                        NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void blankQuestionClearsIt(String blank) {
        LocalSite edited =
                SITE.edit(new SiteChanges(Optional.empty(), Optional.empty(), Optional.of(blank), Optional.empty()));
        assertThat(edited.applicationQuestion()).isEmpty();
    }

    @Test
    void capOfZeroAndOfOneMillionAreAllowed() {
        assertThat(editCap(0).maxInvitesPerUser()).isZero();
        assertThat(editCap(1_000_000).maxInvitesPerUser()).isEqualTo(1_000_000);
    }

    @Test
    void negativeCapIsRefused() {
        assertRefused(Rule.SITE_INVITE_CAP_RANGE, () -> editCap(-1));
    }

    @Test
    void capAboveOneMillionIsRefused() {
        assertRefused(Rule.SITE_INVITE_CAP_RANGE, () -> editCap(1_000_001));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void blankNameIsRefused(String blank) {
        assertRefused(Rule.SITE_NAME_LENGTH, () -> editName(blank));
    }

    @Test
    void nameOfOneHundredCharactersIsTheLongest() {
        assertThat(editName("n".repeat(100)).name()).hasSize(100);
        assertRefused(Rule.SITE_NAME_LENGTH, () -> editName("n".repeat(101)));
    }

    @Test
    void questionOfTenThousandCharactersIsTheLongest() {
        assertThat(editQuestion("q".repeat(10_000)).applicationQuestion()).contains("q".repeat(10_000));
        assertRefused(Rule.SITE_QUESTION_LENGTH, () -> editQuestion("q".repeat(10_001)));
    }

    // --- the invite quotas --------------------------------------------------------------------------

    @Test
    void newSiteHasNoInviteQuotaAndLetsInvitesSkipTheApplication() {
        LocalSite site = LocalSite.initial("Fresh", NOW);
        assertThat(site.inviteMinAccountAgeHours()).isZero();
        assertThat(site.invitesPerUserPerDay()).isZero();
        assertThat(site.inviteSignupsPerDay()).isZero();
        assertThat(site.invitesSkipApplication()).isTrue();
        assertThat(site.requiresInviteMinAccountAge()).isFalse();
        assertThat(site.limitsInvitesPerDay()).isFalse();
        assertThat(site.limitsInviteSignupsPerDay()).isFalse();
    }

    @Test
    void editChangesEachQuotaAloneAndKeepsTheRest() {
        LocalSite aged = SITE.edit(SiteChanges.none().withInviteMinAccountAgeHours(50));
        LocalSite daily = SITE.edit(SiteChanges.none().withInvitesPerUserPerDay(3));
        LocalSite signups = SITE.edit(SiteChanges.none().withInviteSignupsPerDay(70));
        LocalSite noSkip = SITE.edit(SiteChanges.none().withInvitesSkipApplication(false));

        assertThat(aged).isEqualTo(site(50, 0, 0, true));
        assertThat(aged.inviteMinAccountAge()).isEqualTo(Duration.ofHours(50));
        assertThat(daily).isEqualTo(site(0, 3, 0, true));
        assertThat(signups).isEqualTo(site(0, 0, 70, true));
        assertThat(noSkip).isEqualTo(site(0, 0, 0, false));
        assertThat(noSkip.edit(SiteChanges.none())).isEqualTo(noSkip);
    }

    @Test
    void registrationChangesKeepTheQuotas() {
        LocalSite quotas = site(5, 6, 7, false);

        LocalSite edited = quotas.edit(new SiteChanges(
                Optional.of("Renamed"), Optional.of(RegistrationMode.CLOSED), Optional.empty(), Optional.of(2)));

        assertThat(edited.inviteMinAccountAgeHours()).isEqualTo(5);
        assertThat(edited.invitesPerUserPerDay()).isEqualTo(6);
        assertThat(edited.inviteSignupsPerDay()).isEqualTo(7);
        assertThat(edited.invitesSkipApplication()).isFalse();
    }

    /** Each quota setting at and just beyond both ends of its range, with the rule that refuses. */
    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(textBlock = """
            invite_min_account_age_hours, 0,       accepted
            invite_min_account_age_hours, 8760,    accepted
            invite_min_account_age_hours, -1,      SITE_INVITE_MIN_ACCOUNT_AGE_RANGE
            invite_min_account_age_hours, 8761,    SITE_INVITE_MIN_ACCOUNT_AGE_RANGE
            invites_per_user_per_day,     0,       accepted
            invites_per_user_per_day,     1000,    accepted
            invites_per_user_per_day,     -1,      SITE_INVITES_PER_DAY_RANGE
            invites_per_user_per_day,     1001,    SITE_INVITES_PER_DAY_RANGE
            invite_signups_per_day,       0,       accepted
            invite_signups_per_day,       1000000, accepted
            invite_signups_per_day,       -1,      SITE_INVITE_SIGNUPS_PER_DAY_RANGE
            invite_signups_per_day,       1000001, SITE_INVITE_SIGNUPS_PER_DAY_RANGE
            """)
    void quotaSettingsHaveTheirRanges(String setting, int value, String expected) {
        SiteChanges changes = switch (setting) {
            case "invite_min_account_age_hours" -> SiteChanges.none().withInviteMinAccountAgeHours(value);
            case "invites_per_user_per_day" -> SiteChanges.none().withInvitesPerUserPerDay(value);
            case "invite_signups_per_day" -> SiteChanges.none().withInviteSignupsPerDay(value);
            default -> throw new IllegalArgumentException(setting);
        };
        if (expected.equals("accepted")) {
            LocalSite edited = SITE.edit(changes);
            assertThat(
                            switch (setting) {
                                case "invite_min_account_age_hours" -> edited.inviteMinAccountAgeHours();
                                case "invites_per_user_per_day" -> edited.invitesPerUserPerDay();
                                default -> edited.inviteSignupsPerDay();
                            })
                    .isEqualTo(value);
        } else {
            assertThatThrownBy(() -> SITE.edit(changes)).isInstanceOfSatisfying(Refusal.class, e -> {
                assertThat(e.rule()).isEqualTo(Rule.valueOf(expected));
                assertThat(e.getMessage()).startsWith(setting + " must be between 0 and ");
            });
        }
    }

    /** {@link #SITE} with these quota settings. */
    private static LocalSite site(int minAgeHours, int perUserPerDay, int signupsPerDay, boolean skipApplication) {
        return new LocalSite(
                1,
                "Guests",
                RegistrationMode.OPEN,
                Optional.of("Why do you want to join?"),
                5,
                minAgeHours,
                perUserPerDay,
                signupsPerDay,
                skipApplication,
                NOW);
    }

    private static LocalSite editCap(int cap) {
        return SITE.edit(new SiteChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(cap)));
    }

    private static LocalSite editName(String name) {
        return SITE.edit(new SiteChanges(Optional.of(name), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    private static LocalSite editQuestion(String question) {
        return SITE.edit(new SiteChanges(Optional.empty(), Optional.empty(), Optional.of(question), Optional.empty()));
    }

    private static void assertRefused(Rule rule, Runnable action) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(rule));
    }
}
