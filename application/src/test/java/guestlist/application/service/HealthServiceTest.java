package guestlist.application.service;

import guestlist.application.port.in.CreateInviteCommand;
import guestlist.application.port.in.DecideRegistrationApplicationCommand;
import guestlist.application.port.in.ListInvitesQuery;
import guestlist.application.port.in.ListRegistrationApplicationsQuery;
import guestlist.application.port.in.LoginCommand;
import guestlist.domain.ErrorCode;
import guestlist.domain.Invite;
import guestlist.domain.LocalUser;
import guestlist.domain.Password;
import guestlist.domain.RegistrationMode;
import guestlist.domain.SiteChanges;
import guestlist.domain.Username;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static guestlist.testsupport.Credentials.PASSWORD;
import static guestlist.application.service.Guestlist.assertRefused;
import static guestlist.application.service.Guestlist.form;
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

        assertRefused(() -> app.site().getSite(), ErrorCode.SERVICE_UNAVAILABLE);
        assertRefused(() -> app.site().editSite(guestlist.admin, SiteChanges.none()), ErrorCode.SERVICE_UNAVAILABLE);
        assertRefused(() -> guestlist.register(form("bob")), ErrorCode.SERVICE_UNAVAILABLE);
        assertRefused(() -> app.sessions().login(new LoginCommand("alice", PASSWORD, false)),
                ErrorCode.SERVICE_UNAVAILABLE);
        assertRefused(() -> app.sessions().authenticate(session), ErrorCode.SERVICE_UNAVAILABLE);
        assertRefused(() -> app.sessions().logout(session), ErrorCode.SERVICE_UNAVAILABLE);
        assertRefused(() -> app.invites().createInvite(new CreateInviteCommand(alice, Optional.empty(),
                Optional.empty())), ErrorCode.SERVICE_UNAVAILABLE);
        assertRefused(() -> app.invites().listInvites(ListInvitesQuery.of(alice, Optional.empty(), Optional.empty())),
                ErrorCode.SERVICE_UNAVAILABLE);
        assertRefused(() -> app.invites().revokeInvite(alice, invite.token().value()), ErrorCode.SERVICE_UNAVAILABLE);
        assertRefused(() -> app.invites().isValid(invite.token().value()), ErrorCode.SERVICE_UNAVAILABLE);
        assertRefused(() -> app.invites().sweepExpiredInvites(), ErrorCode.SERVICE_UNAVAILABLE);
        assertRefused(() -> app.applications().listApplications(ListRegistrationApplicationsQuery.of(guestlist.admin,
                Optional.empty(), Optional.empty(), Optional.empty())), ErrorCode.SERVICE_UNAVAILABLE);
        assertRefused(() -> app.applications().getApplication(guestlist.admin, alice.id()),
                ErrorCode.SERVICE_UNAVAILABLE);
        assertRefused(() -> app.applications().decide(new DecideRegistrationApplicationCommand(guestlist.admin, 1,
                true, Optional.empty())), ErrorCode.SERVICE_UNAVAILABLE);
        assertRefused(() -> app.adminSetup().ensureAdmin(new Username("other"), new Password("another secret!")),
                ErrorCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void useCasesWorkAgainOnceTheStoreIsBack() {
        guestlist.store.setReachable(false);
        assertRefused(() -> guestlist.app.site().getSite(), ErrorCode.SERVICE_UNAVAILABLE);

        guestlist.store.setReachable(true);

        assertThat(guestlist.app.health().databaseReachable()).isTrue();
        assertThat(guestlist.app.site().getSite().admins()).extracting(LocalUser::id)
                .containsExactly(guestlist.admin.id());
    }
}
