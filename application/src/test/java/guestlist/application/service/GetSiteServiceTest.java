package guestlist.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.GetSiteUseCase;
import guestlist.application.port.in.SiteView;
import guestlist.domain.account.LocalUser;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.RegistrationMode;
import org.junit.jupiter.api.Test;

class GetSiteServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final GetSiteUseCase sites = guestlist.app.useCases().getSite();

    @Test
    void newSiteRequiresApplicationsAndCapsInvitesAtTen() {
        LocalSite site = sites.getSite().site();

        assertThat(site.registrationMode()).isEqualTo(RegistrationMode.REQUIRE_APPLICATION);
        assertThat(site.maxInvitesPerUser()).isEqualTo(10);
        assertThat(site.applicationQuestion()).isEmpty();
    }

    @Test
    void siteListsItsAdminsOnly() {
        guestlist.member("alice");

        SiteView view = sites.getSite();

        assertThat(view.admins()).extracting(LocalUser::id).containsExactly(guestlist.admin.id());
        assertThat(view.admins()).allMatch(LocalUser::admin);
    }
}
