package guestlist.application;

import guestlist.application.port.in.AuthenticateUseCase;
import guestlist.application.port.in.BanPersonUseCase;
import guestlist.application.port.in.ChangeInvitePermissionUseCase;
import guestlist.application.port.in.ChangePasswordUseCase;
import guestlist.application.port.in.CheckHealthUseCase;
import guestlist.application.port.in.CheckInviteValidityUseCase;
import guestlist.application.port.in.CreateInviteUseCase;
import guestlist.application.port.in.DecideRegistrationApplicationUseCase;
import guestlist.application.port.in.EditSiteUseCase;
import guestlist.application.port.in.EnsureAdminUseCase;
import guestlist.application.port.in.GetMyUserUseCase;
import guestlist.application.port.in.GetRegistrationApplicationUseCase;
import guestlist.application.port.in.GetSiteUseCase;
import guestlist.application.port.in.ListInviteAncestryUseCase;
import guestlist.application.port.in.ListInviteTreeUseCase;
import guestlist.application.port.in.ListInvitesUseCase;
import guestlist.application.port.in.ListModerationLogUseCase;
import guestlist.application.port.in.ListRegistrationApplicationsUseCase;
import guestlist.application.port.in.ListUserInvitesUseCase;
import guestlist.application.port.in.ListUsersUseCase;
import guestlist.application.port.in.LoginUseCase;
import guestlist.application.port.in.LogoutUseCase;
import guestlist.application.port.in.RegisterUseCase;
import guestlist.application.port.in.RevokeAllInvitesUseCase;
import guestlist.application.port.in.RevokeInviteUseCase;
import guestlist.application.port.in.SweepExpiredInvitesUseCase;
import guestlist.application.port.in.SweepExpiredSessionsUseCase;
import guestlist.application.port.out.InviteBranchRepository;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.ModerationRepository;
import guestlist.application.port.out.PasswordHasher;
import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.application.port.out.SessionRepository;
import guestlist.application.port.out.SiteRepository;
import guestlist.application.port.out.StorageHealth;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.application.service.AdminSetupService;
import guestlist.application.service.AuthenticateService;
import guestlist.application.service.BanPersonService;
import guestlist.application.service.CachedSite;
import guestlist.application.service.ChangeInvitePermissionService;
import guestlist.application.service.ChangePasswordService;
import guestlist.application.service.CheckInviteValidityService;
import guestlist.application.service.CreateInviteService;
import guestlist.application.service.DecideRegistrationApplicationService;
import guestlist.application.service.DecoyHash;
import guestlist.application.service.EditSiteService;
import guestlist.application.service.GetMyUserService;
import guestlist.application.service.GetRegistrationApplicationService;
import guestlist.application.service.GetSiteService;
import guestlist.application.service.HealthService;
import guestlist.application.service.ListInviteAncestryService;
import guestlist.application.service.ListInviteTreeService;
import guestlist.application.service.ListInvitesService;
import guestlist.application.service.ListModerationLogService;
import guestlist.application.service.ListRegistrationApplicationsService;
import guestlist.application.service.ListUserInvitesService;
import guestlist.application.service.ListUsersService;
import guestlist.application.service.LoginService;
import guestlist.application.service.LogoutService;
import guestlist.application.service.RegisterService;
import guestlist.application.service.RevokeAllInvitesService;
import guestlist.application.service.RevokeInviteService;
import guestlist.application.service.SessionOpener;
import guestlist.application.service.SweepExpiredInvitesService;
import guestlist.application.service.SweepExpiredSessionsService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Every use case of Guestlist, each as its in-port. {@link #of} is the one wiring of the services:
 * bootstrap and every test application build the use cases through it, on whichever out-ports
 * they have.
 */
public record UseCases(
        RegisterUseCase register,
        LoginUseCase login,
        LogoutUseCase logout,
        ChangePasswordUseCase changePassword,
        AuthenticateUseCase authenticate,
        SweepExpiredSessionsUseCase sweepExpiredSessions,
        GetSiteUseCase getSite,
        EditSiteUseCase editSite,
        CreateInviteUseCase createInvite,
        ListInvitesUseCase listInvites,
        RevokeInviteUseCase revokeInvite,
        CheckInviteValidityUseCase checkInviteValidity,
        SweepExpiredInvitesUseCase sweepExpiredInvites,
        ListRegistrationApplicationsUseCase listRegistrationApplications,
        GetRegistrationApplicationUseCase getRegistrationApplication,
        DecideRegistrationApplicationUseCase decideRegistrationApplication,
        EnsureAdminUseCase ensureAdmin,
        CheckHealthUseCase checkHealth,
        ListUsersUseCase listUsers,
        BanPersonUseCase banPerson,
        ListInviteTreeUseCase listInviteTree,
        ListInviteAncestryUseCase listInviteAncestry,
        ListUserInvitesUseCase listUserInvites,
        RevokeAllInvitesUseCase revokeAllInvites,
        ChangeInvitePermissionUseCase changeInvitePermission,
        ListModerationLogUseCase listModerationLog,
        GetMyUserUseCase getMyUser) {

    /** How long a read of the site is shown again: one second, as Lemmy caches its site view. */
    public static final Duration DEFAULT_SITE_MAX_AGE = CachedSite.DEFAULT_MAX_AGE;

    /** What the use cases are built on: one store's adapters, the password hasher and the store's health. */
    public record OutPorts(
            Transactions transactions,
            SiteRepository sites,
            UserRepository users,
            InviteRepository invites,
            RegistrationApplicationRepository applications,
            SessionRepository sessions,
            ModerationRepository moderation,
            InviteBranchRepository branches,
            PasswordHasher hasher,
            StorageHealth storageHealth) {

        public OutPorts {
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(sites, "sites");
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(invites, "invites");
            Objects.requireNonNull(applications, "applications");
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(moderation, "moderation");
            Objects.requireNonNull(branches, "branches");
            Objects.requireNonNull(hasher, "hasher");
            Objects.requireNonNull(storageHealth, "storageHealth");
        }
    }

    /**
     * The same use cases with {@code register} in place of {@link #register()}: for a decorator
     * wired outside the application (bootstrap counts registrations for its metrics).
     */
    public UseCases withRegister(RegisterUseCase register) {
        return new UseCases(
                register,
                login,
                logout,
                changePassword,
                authenticate,
                sweepExpiredSessions,
                getSite,
                editSite,
                createInvite,
                listInvites,
                revokeInvite,
                checkInviteValidity,
                sweepExpiredInvites,
                listRegistrationApplications,
                getRegistrationApplication,
                decideRegistrationApplication,
                ensureAdmin,
                checkHealth,
                listUsers,
                banPerson,
                listInviteTree,
                listInviteAncestry,
                listUserInvites,
                revokeAllInvites,
                changeInvitePermission,
                listModerationLog,
                getMyUser);
    }

    /**
     * @param siteMaxAge how long a read of the site is shown again ({@link #DEFAULT_SITE_MAX_AGE});
     *                   {@link Duration#ZERO} reads the store every time
     */
    public static UseCases of(OutPorts ports, Clock clock, SecureRandom random, Duration siteMaxAge) {
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Transactions transactions = ports.transactions();
        SessionOpener opener = new SessionOpener(ports.sessions(), random);
        CachedSite site = new CachedSite(
                new GetSiteService(transactions, ports.sites(), ports.users()),
                new EditSiteService(transactions, ports.sites(), ports.users()),
                clock,
                siteMaxAge);
        return new UseCases(
                new RegisterService(
                        transactions,
                        ports.sites(),
                        ports.users(),
                        ports.invites(),
                        ports.applications(),
                        ports.hasher(),
                        opener,
                        clock),
                new LoginService(
                        transactions,
                        ports.users(),
                        ports.applications(),
                        ports.hasher(),
                        new DecoyHash(ports.hasher(), random),
                        opener,
                        clock),
                new LogoutService(transactions, ports.sessions()),
                new ChangePasswordService(transactions, ports.users(), ports.sessions(), ports.hasher(), opener, clock),
                new AuthenticateService(transactions, ports.sessions(), clock),
                new SweepExpiredSessionsService(transactions, ports.sessions(), clock),
                site,
                site,
                new CreateInviteService(transactions, ports.sites(), ports.users(), ports.invites(), random, clock),
                new ListInvitesService(transactions, ports.invites(), clock),
                new RevokeInviteService(transactions, ports.users(), ports.invites()),
                new CheckInviteValidityService(transactions, ports.invites(), clock),
                new SweepExpiredInvitesService(transactions, ports.invites(), clock),
                new ListRegistrationApplicationsService(transactions, ports.users(), ports.applications()),
                new GetRegistrationApplicationService(transactions, ports.users(), ports.applications()),
                new DecideRegistrationApplicationService(
                        transactions, ports.users(), ports.applications(), ports.sessions(), clock),
                new AdminSetupService(transactions, ports.sites(), ports.users(), ports.hasher(), clock),
                new HealthService(ports.storageHealth()),
                new ListUsersService(transactions, ports.users(), clock),
                new BanPersonService(transactions, ports.users(), ports.moderation(), clock),
                new ListInviteTreeService(transactions, ports.users(), ports.branches(), clock),
                new ListInviteAncestryService(transactions, ports.users(), ports.branches(), clock),
                new ListUserInvitesService(transactions, ports.users(), ports.invites(), clock),
                new RevokeAllInvitesService(transactions, ports.users(), ports.moderation(), clock),
                new ChangeInvitePermissionService(transactions, ports.users(), ports.moderation(), clock),
                new ListModerationLogService(transactions, ports.users(), ports.moderation()),
                new GetMyUserService(transactions, ports.sites(), ports.users(), ports.invites(), clock));
    }
}
