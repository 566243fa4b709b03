package guestlist.application.service;

import guestlist.application.port.in.SiteView;
import guestlist.domain.ErrorCode;
import guestlist.domain.LocalSite;
import guestlist.domain.LocalUser;
import guestlist.domain.RegistrationMode;
import guestlist.domain.SiteChanges;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static guestlist.application.service.Guestlist.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

class SiteServiceTest {

    private final Guestlist guestlist = new Guestlist();

    @Test
    void newSiteRequiresApplicationsAndCapsInvitesAtTen() {
        LocalSite site = guestlist.app.site().getSite().site();

        assertThat(site.registrationMode()).isEqualTo(RegistrationMode.REQUIRE_APPLICATION);
        assertThat(site.maxInvitesPerUser()).isEqualTo(10);
        assertThat(site.applicationQuestion()).isEmpty();
    }

    @Test
    void siteListsItsAdminsOnly() {
        guestlist.member("alice");

        SiteView view = guestlist.app.site().getSite();

        assertThat(view.admins()).extracting(LocalUser::id).containsExactly(guestlist.admin.id());
        assertThat(view.admins()).allMatch(LocalUser::admin);
    }

    @Test
    void adminChangesEverySetting() {
        LocalSite edited = guestlist.app.site().editSite(guestlist.admin, new SiteChanges(Optional.of("Gardeners"),
                Optional.of(RegistrationMode.REQUIRE_INVITATION), Optional.of("What do you grow?"), Optional.of(3)));

        LocalSite stored = guestlist.app.site().getSite().site();
        assertThat(stored).isEqualTo(edited);
        assertThat(stored.name()).isEqualTo("Gardeners");
        assertThat(stored.registrationMode()).isEqualTo(RegistrationMode.REQUIRE_INVITATION);
        assertThat(stored.applicationQuestion()).contains("What do you grow?");
        assertThat(stored.maxInvitesPerUser()).isEqualTo(3);
    }

    @Test
    void absentValuesStayAsTheyAre() {
        guestlist.app.site().editSite(guestlist.admin, new SiteChanges(Optional.of("Gardeners"),
                Optional.of(RegistrationMode.OPEN), Optional.of("What do you grow?"), Optional.of(3)));
        LocalSite before = guestlist.app.site().getSite().site();

        guestlist.app.site().editSite(guestlist.admin, SiteChanges.none());
        assertThat(guestlist.app.site().getSite().site()).isEqualTo(before);

        guestlist.cap(7);
        LocalSite after = guestlist.app.site().getSite().site();
        assertThat(after.maxInvitesPerUser()).isEqualTo(7);
        assertThat(after.name()).isEqualTo("Gardeners");
        assertThat(after.registrationMode()).isEqualTo(RegistrationMode.OPEN);
        assertThat(after.applicationQuestion()).contains("What do you grow?");
    }

    @Test
    void blankQuestionClearsIt() {
        guestlist.app.site().editSite(guestlist.admin, new SiteChanges(Optional.empty(), Optional.empty(),
                Optional.of("What do you grow?"), Optional.empty()));

        guestlist.app.site().editSite(guestlist.admin, new SiteChanges(Optional.empty(), Optional.empty(),
                Optional.of("  "), Optional.empty()));

        assertThat(guestlist.app.site().getSite().site().applicationQuestion()).isEmpty();
    }

    @Test
    void nonAdminIsRefusedAndNothingChanges() {
        LocalUser alice = guestlist.member("alice");
        LocalSite before = guestlist.app.site().getSite().site();

        assertRefused(() -> guestlist.app.site().editSite(alice, new SiteChanges(Optional.empty(),
                Optional.of(RegistrationMode.OPEN), Optional.empty(), Optional.empty())), ErrorCode.NOT_AN_ADMIN);

        assertThat(guestlist.app.site().getSite().site()).isEqualTo(before);
    }

    @Test
    void adminFlagIsReadFromTheStoreNotFromTheCaller() {
        LocalUser alice = guestlist.member("alice");
        LocalUser forged = new LocalUser(alice.id(), alice.name(), alice.email(), true, true, alice.invitedBy(),
                alice.publishedAt());

        assertRefused(() -> guestlist.app.site().editSite(forged, SiteChanges.none()), ErrorCode.NOT_AN_ADMIN);
    }

    @Test
    void capOutOfRangeIsABadRequestAndNothingChanges() {
        LocalSite before = guestlist.app.site().getSite().site();

        assertRefused(() -> guestlist.cap(-1), ErrorCode.BAD_REQUEST);
        assertRefused(() -> guestlist.cap(1_000_001), ErrorCode.BAD_REQUEST);

        assertThat(guestlist.app.site().getSite().site()).isEqualTo(before);
    }

    @Test
    void capZeroAndOneMillionAreAccepted() {
        assertThat(guestlist.cap(0).maxInvitesPerUser()).isZero();
        assertThat(guestlist.cap(1_000_000).maxInvitesPerUser()).isEqualTo(1_000_000);
    }

    @Test
    void blankNameIsABadRequest() {
        assertRefused(() -> guestlist.app.site().editSite(guestlist.admin, new SiteChanges(Optional.of(" "),
                Optional.empty(), Optional.empty(), Optional.empty())), ErrorCode.BAD_REQUEST);
    }
}
