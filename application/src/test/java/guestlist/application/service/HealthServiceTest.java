package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertUnavailable;
import static guestlist.application.service.Guestlist.form;
import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.CreateInviteCommand;
import guestlist.application.port.in.DecideRegistrationApplicationCommand;
import guestlist.application.port.in.ListInvitesQuery;
import guestlist.application.port.in.ListRegistrationApplicationsQuery;
import guestlist.application.port.in.LoginCommand;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.Password;
import guestlist.domain.account.Username;
import guestlist.domain.application.ApplicationId;
import guestlist.domain.invite.Invite;
import guestlist.domain.paging.PageSize;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthServiceTest {

    private final Guestlist guestlist = new Guestlist();

    @Test
    void reachableStoreIsHealthy() {
        assertThat(guestlist.app.useCases().checkHealth().databaseReachable()).isTrue();
    }

    @Test
    void unreachableStoreIsReportedUnhealthy() {
        guestlist.store.setReachable(false);

        assertThat(guestlist.app.useCases().checkHealth().databaseReachable()).isFalse();
    }

    @Test
    void everyUseCaseIsUnavailableWhileTheStoreIsDown() {
        guestlist.mode(RegistrationMode.OPEN);
        LocalUser alice = guestlist.member("alice");
        String session = guestlist.login("alice", PASSWORD);
        Invite invite = guestlist.invite(alice);
        guestlist.store.setReachable(false);
        var useCases = guestlist.app.useCases();

        assertUnavailable(() -> useCases.getSite().getSite());
        assertUnavailable(() -> useCases.editSite().editSite(guestlist.admin, SiteChanges.none()));
        assertUnavailable(() -> guestlist.register(form("bob")));
        assertUnavailable(() -> useCases.login().login(new LoginCommand("alice", PASSWORD, false)));
        assertUnavailable(() -> useCases.authenticate().authenticate(session));
        assertUnavailable(() -> useCases.logout().logout(session));
        assertUnavailable(() -> useCases.createInvite()
                .createInvite(new CreateInviteCommand(alice, Optional.empty(), Optional.empty())));
        assertUnavailable(() -> useCases.listInvites()
                .listInvites(new ListInvitesQuery(alice, PageSize.of(Optional.empty()), Optional.empty())));
        assertUnavailable(
                () -> useCases.revokeInvite().revokeInvite(alice, invite.token().value()));
        assertUnavailable(
                () -> useCases.checkInviteValidity().isValid(invite.token().value()));
        assertUnavailable(() -> useCases.sweepExpiredInvites().sweepExpiredInvites());
        assertUnavailable(() -> useCases.listRegistrationApplications()
                .listApplications(ListRegistrationApplicationsQuery.of(
                        guestlist.admin, Optional.empty(), PageSize.of(Optional.empty()), Optional.empty())));
        assertUnavailable(
                () -> useCases.getRegistrationApplication().getApplication(guestlist.admin, alice.personId()));
        assertUnavailable(() -> useCases.decideRegistrationApplication()
                .decide(new DecideRegistrationApplicationCommand(
                        guestlist.admin, new ApplicationId(1), true, Optional.empty())));
        assertUnavailable(
                () -> useCases.ensureAdmin().ensureAdmin(new Username("other"), new Password("another secret!")));
    }

    @Test
    void useCasesWorkAgainOnceTheStoreIsBack() {
        guestlist.store.setReachable(false);
        assertUnavailable(() -> guestlist.app.useCases().getSite().getSite());

        guestlist.store.setReachable(true);

        assertThat(guestlist.app.useCases().checkHealth().databaseReachable()).isTrue();
        assertThat(guestlist.app.useCases().getSite().getSite().admins())
                .extracting(LocalUser::id)
                .containsExactly(guestlist.admin.id());
    }
}
