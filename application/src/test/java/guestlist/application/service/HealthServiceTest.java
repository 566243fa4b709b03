package guestlist.application.service;

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
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static guestlist.application.service.Guestlist.assertUnavailable;
import static guestlist.application.service.Guestlist.form;
import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

class HealthServiceTest {

    private final Guestlist guestlist = new Guestlist();

    @Test
    void reachableStoreIsHealthy() {
        assertThat(guestlist.app.health().databaseReachable()).isTrue();
    }

    @Test
    void unreachableStoreIsReportedUnhealthy() {
        guestlist.store.setReachable(false);

        assertThat(guestlist.app.health().databaseReachable()).isFalse();
    }

    @Test
    void everyUseCaseIsUnavailableWhileTheStoreIsDown() {
        guestlist.mode(RegistrationMode.OPEN);
        LocalUser alice = guestlist.member("alice");
        String session = guestlist.login("alice", PASSWORD);
        Invite invite = guestlist.invite(alice);
        guestlist.store.setReachable(false);
        var app = guestlist.app;

        assertUnavailable(() -> app.site().getSite());
        assertUnavailable(() -> app.site().editSite(guestlist.admin, SiteChanges.none()));
        assertUnavailable(() -> guestlist.register(form("bob")));
        assertUnavailable(() -> app.sessions().login(new LoginCommand("alice", PASSWORD, false)));
        assertUnavailable(() -> app.sessions().authenticate(session));
        assertUnavailable(() -> app.sessions().logout(session));
        assertUnavailable(() -> app.invites().createInvite(new CreateInviteCommand(alice, Optional.empty(),
                Optional.empty())));
        assertUnavailable(() -> app.invites().listInvites(
                new ListInvitesQuery(alice, PageSize.of(Optional.empty()), Optional.empty())));
        assertUnavailable(() -> app.invites().revokeInvite(alice, invite.token().value()));
        assertUnavailable(() -> app.invites().isValid(invite.token().value()));
        assertUnavailable(() -> app.invites().sweepExpiredInvites());
        assertUnavailable(() -> app.applications().listApplications(ListRegistrationApplicationsQuery.of(guestlist.admin,
                Optional.empty(), PageSize.of(Optional.empty()), Optional.empty())));
        assertUnavailable(() -> app.applications().getApplication(guestlist.admin, alice.personId()));
        assertUnavailable(() -> app.applications().decide(new DecideRegistrationApplicationCommand(guestlist.admin,
                new ApplicationId(1), true, Optional.empty())));
        assertUnavailable(() -> app.adminSetup().ensureAdmin(new Username("other"), new Password("another secret!")));
    }

    @Test
    void useCasesWorkAgainOnceTheStoreIsBack() {
        guestlist.store.setReachable(false);
        assertUnavailable(() -> guestlist.app.site().getSite());

        guestlist.store.setReachable(true);

        assertThat(guestlist.app.health().databaseReachable()).isTrue();
        assertThat(guestlist.app.site().getSite().admins()).extracting(LocalUser::id)
                .containsExactly(guestlist.admin.id());
    }
}
