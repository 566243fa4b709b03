package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.EditSiteUseCase;
import guestlist.application.port.in.GetSiteUseCase;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EditSiteServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final EditSiteUseCase edit = guestlist.app.useCases().editSite();
    private final GetSiteUseCase sites = guestlist.app.useCases().getSite();

    @Test
    void adminChangesEverySetting() {
        LocalSite edited = edit.editSite(
                guestlist.admin,
                new SiteChanges(
                        Optional.of("Gardeners"),
                        Optional.of(RegistrationMode.REQUIRE_INVITATION),
                        Optional.of("What do you grow?"),
                        Optional.of(3)));

        LocalSite stored = sites.getSite().site();
        assertThat(stored).isEqualTo(edited);
        assertThat(stored.name()).isEqualTo("Gardeners");
        assertThat(stored.registrationMode()).isEqualTo(RegistrationMode.REQUIRE_INVITATION);
        assertThat(stored.applicationQuestion()).contains("What do you grow?");
        assertThat(stored.maxInvitesPerUser()).isEqualTo(3);
    }

    @Test
    void absentValuesStayAsTheyAre() {
        edit.editSite(
                guestlist.admin,
                new SiteChanges(
                        Optional.of("Gardeners"),
                        Optional.of(RegistrationMode.OPEN),
                        Optional.of("What do you grow?"),
                        Optional.of(3)));
        LocalSite before = sites.getSite().site();

        edit.editSite(guestlist.admin, SiteChanges.none());
        assertThat(sites.getSite().site()).isEqualTo(before);

        guestlist.cap(7);
        LocalSite after = sites.getSite().site();
        assertThat(after.maxInvitesPerUser()).isEqualTo(7);
        assertThat(after.name()).isEqualTo("Gardeners");
        assertThat(after.registrationMode()).isEqualTo(RegistrationMode.OPEN);
        assertThat(after.applicationQuestion()).contains("What do you grow?");
    }

    @Test
    void blankQuestionClearsIt() {
        edit.editSite(
                guestlist.admin,
                new SiteChanges(
                        Optional.empty(), Optional.empty(), Optional.of("What do you grow?"), Optional.empty()));

        edit.editSite(
                guestlist.admin,
                new SiteChanges(Optional.empty(), Optional.empty(), Optional.of("  "), Optional.empty()));

        assertThat(sites.getSite().site().applicationQuestion()).isEmpty();
    }

    @Test
    void nonAdminIsRefusedAndNothingChanges() {
        LocalUser alice = guestlist.member("alice");
        LocalSite before = sites.getSite().site();

        assertRefused(
                () -> edit.editSite(
                        alice,
                        new SiteChanges(
                                Optional.empty(),
                                Optional.of(RegistrationMode.OPEN),
                                Optional.empty(),
                                Optional.empty())),
                Rule.ADMIN_ONLY);

        assertThat(sites.getSite().site()).isEqualTo(before);
    }

    @Test
    void adminFlagIsReadFromTheStoreNotFromTheCaller() {
        LocalUser alice = guestlist.member("alice");
        LocalUser forged = new LocalUser(
                alice.id(),
                alice.name(),
                alice.email(),
                true,
                true,
                alice.invitedBy(),
                alice.publishedAt(),
                alice.ban(),
                alice.invitePermission(),
                alice.inviteeCount());

        assertRefused(() -> edit.editSite(forged, SiteChanges.none()), Rule.ADMIN_ONLY);
    }

    @Test
    void capOutOfRangeIsABadRequestAndNothingChanges() {
        LocalSite before = sites.getSite().site();

        assertRefused(() -> guestlist.cap(-1), Rule.SITE_INVITE_CAP_RANGE);
        assertRefused(() -> guestlist.cap(1_000_001), Rule.SITE_INVITE_CAP_RANGE);

        assertThat(sites.getSite().site()).isEqualTo(before);
    }

    @Test
    void capZeroAndOneMillionAreAccepted() {
        assertThat(guestlist.cap(0).maxInvitesPerUser()).isZero();
        assertThat(guestlist.cap(1_000_000).maxInvitesPerUser()).isEqualTo(1_000_000);
    }

    @Test
    void blankNameIsABadRequest() {
        assertRefused(
                () -> edit.editSite(
                        guestlist.admin,
                        new SiteChanges(Optional.of(" "), Optional.empty(), Optional.empty(), Optional.empty())),
                Rule.SITE_NAME_LENGTH);
    }

    @Test
    void adminChangesEveryInviteQuotaAndTheRestStays() {
        LocalSite before = guestlist.cap(4);

        LocalSite edited = guestlist.settings(SiteChanges.none()
                .withInviteMinAccountAgeHours(72)
                .withInvitesPerUserPerDay(5)
                .withInviteSignupsPerDay(50)
                .withInvitesSkipApplication(false));

        LocalSite stored = sites.getSite().site();
        assertThat(stored).isEqualTo(edited);
        assertThat(stored.inviteMinAccountAgeHours()).isEqualTo(72);
        assertThat(stored.invitesPerUserPerDay()).isEqualTo(5);
        assertThat(stored.inviteSignupsPerDay()).isEqualTo(50);
        assertThat(stored.invitesSkipApplication()).isFalse();
        assertThat(stored.maxInvitesPerUser()).isEqualTo(before.maxInvitesPerUser());
        assertThat(stored.registrationMode()).isEqualTo(before.registrationMode());

        guestlist.settings(SiteChanges.none().withInvitesPerUserPerDay(0));
        assertThat(sites.getSite().site().inviteMinAccountAgeHours()).isEqualTo(72);
        assertThat(sites.getSite().site().invitesPerUserPerDay()).isZero();
    }

    @Test
    void inviteQuotasOutOfRangeAreRefusedAndNothingChanges() {
        guestlist.settings(SiteChanges.none().withInvitesPerUserPerDay(5));
        LocalSite before = sites.getSite().site();

        assertRefused(
                () -> guestlist.settings(SiteChanges.none().withInviteMinAccountAgeHours(8_761)),
                Rule.SITE_INVITE_MIN_ACCOUNT_AGE_RANGE);
        assertRefused(
                () -> guestlist.settings(SiteChanges.none().withInvitesPerUserPerDay(-1)),
                Rule.SITE_INVITES_PER_DAY_RANGE);
        assertRefused(
                () -> guestlist.settings(
                        SiteChanges.none().withInvitesPerUserPerDay(6).withInviteSignupsPerDay(1_000_001)),
                Rule.SITE_INVITE_SIGNUPS_PER_DAY_RANGE);

        assertThat(sites.getSite().site()).isEqualTo(before);
    }
}
