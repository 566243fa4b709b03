package guestlist.bootstrap;

import guestlist.adapters.postgres.PostgresPersistence;
import guestlist.adapters.rest.RestServer;
import guestlist.adapters.rest.RestSettings;
import guestlist.adapters.rest.RestUseCases;
import guestlist.application.port.out.PasswordHasher;
import guestlist.application.service.AdminSetupService;
import guestlist.application.service.HealthService;
import guestlist.application.service.InviteService;
import guestlist.application.service.RegisterService;
import guestlist.application.service.RegistrationApplicationService;
import guestlist.application.service.SessionOpener;
import guestlist.application.service.SessionService;
import guestlist.application.service.SiteService;
import guestlist.bootstrap.crypto.Argon2PasswordHasher;
import guestlist.bootstrap.crypto.BoundedPasswordHasher;
import guestlist.bootstrap.database.Database;
import guestlist.bootstrap.sweep.SweepSchedule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * The wiring: database → persistence adapter → services → REST adapter, plus the password hasher
 * and the sweep schedule. Plain spring-context; beans are closed in reverse order.
 */
@Configuration(proxyBeanMethods = false)
class GuestlistConfiguration {

    /** Hash requests waiting for a core before new ones are turned away. */
    private static final int PASSWORD_HASH_QUEUE = 1_024;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Bean(destroyMethod = "close")
    Database database(Settings settings) {
        return Database.open(settings);
    }

    @Bean
    PostgresPersistence persistence(Database database) {
        return new PostgresPersistence(database.dataSource());
    }

    @Bean(destroyMethod = "close")
    BoundedPasswordHasher passwordHasher() {
        return new BoundedPasswordHasher(new Argon2PasswordHasher(), Runtime.getRuntime().availableProcessors(),
                PASSWORD_HASH_QUEUE);
    }

    @Bean
    SessionOpener sessionOpener(PostgresPersistence persistence, SecureRandom random) {
        return new SessionOpener(persistence.sessions(), random);
    }

    @Bean
    RegisterService registerService(PostgresPersistence persistence, PasswordHasher hasher, SessionOpener opener,
                                    Clock clock) {
        return new RegisterService(persistence.transactions(), persistence.sites(), persistence.users(),
                persistence.invites(), persistence.applications(), hasher, opener, clock);
    }

    @Bean
    SessionService sessionService(PostgresPersistence persistence, PasswordHasher hasher, SessionOpener opener,
                                  Clock clock, SecureRandom random) {
        return new SessionService(persistence.transactions(), persistence.users(), persistence.sessions(),
                persistence.applications(), hasher, opener, clock, random);
    }

    @Bean
    SiteService siteService(PostgresPersistence persistence, Clock clock) {
        return new SiteService(persistence.transactions(), persistence.sites(), persistence.users(), clock,
                SiteService.DEFAULT_MAX_AGE);
    }

    @Bean
    InviteService inviteService(PostgresPersistence persistence, SecureRandom random, Clock clock) {
        return new InviteService(persistence.transactions(), persistence.sites(), persistence.users(),
                persistence.invites(), random, clock);
    }

    @Bean
    RegistrationApplicationService registrationApplicationService(PostgresPersistence persistence, Clock clock) {
        return new RegistrationApplicationService(persistence.transactions(), persistence.users(),
                persistence.applications(), clock);
    }

    @Bean
    HealthService healthService(PostgresPersistence persistence) {
        return new HealthService(persistence.health());
    }

    @Bean
    AdminSetupService adminSetupService(PostgresPersistence persistence, PasswordHasher hasher, Clock clock) {
        return new AdminSetupService(persistence.transactions(), persistence.sites(), persistence.users(), hasher, clock);
    }

    @Bean(destroyMethod = "close")
    SweepSchedule sweepSchedule(InviteService invites, SessionService sessions, Settings settings, Clock clock) {
        return new SweepSchedule(invites, sessions, settings.inviteSweepInterval(), clock);
    }

    /** Built here, started by {@link Guestlist#start} once the first admin exists. */
    @Bean(destroyMethod = "stop")
    RestServer restServer(Settings settings, RegisterService register, SessionService sessions, SiteService site,
                          InviteService invites, RegistrationApplicationService applications,
                          HealthService health) {
        RestSettings restSettings = new RestSettings(settings.bindAddress(), settings.port(), settings.publicUrl(),
                settings.authRateLimitPerMinute(), settings.validityRateLimitPerMinute(), settings.workerThreads());
        RestUseCases useCases = new RestUseCases(register, sessions, sessions, sessions, site, site, invites, invites,
                invites, invites, applications, applications, applications, health);
        return new RestServer(restSettings, useCases, Version.current());
    }
}
