package guestlist.bootstrap;

import guestlist.adapters.postgres.PostgresPersistence;
import guestlist.adapters.postgres.PostgresRateLimitBuckets;
import guestlist.adapters.rest.RestServer;
import guestlist.adapters.rest.RestSettings;
import guestlist.adapters.rest.http.Bulkhead;
import guestlist.adapters.rest.http.RateLimitStore;
import guestlist.application.UseCases;
import guestlist.application.port.in.EnsureAdminUseCase;
import guestlist.application.port.in.SweepExpiredInvitesUseCase;
import guestlist.application.port.in.SweepExpiredSessionsUseCase;
import guestlist.application.port.out.PasswordHasher;
import guestlist.bootstrap.crypto.Argon2PasswordHasher;
import guestlist.bootstrap.crypto.BoundedPasswordHasher;
import guestlist.bootstrap.database.Database;
import guestlist.bootstrap.ratelimit.SharedRateLimits;
import guestlist.bootstrap.sweep.SweepSchedule;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The wiring: database → persistence adapter → use cases ({@link UseCases}) → REST adapter, plus the
 * password hasher and the sweep schedule. Plain spring-context; beans are closed in reverse order.
 */
@Configuration(proxyBeanMethods = false)
class GuestlistConfiguration {

    /** Hash requests waiting for a core before new ones are turned away. */
    private static final int PASSWORD_HASH_QUEUE = 1_024;

    /** Password hashes computed at once: one per core, so hashing never takes more cores than there are. */
    private static final int HASHING_THREADS = Runtime.getRuntime().availableProcessors();

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

    /** The rate-limit budgets every process on the database shares. */
    @Bean
    PostgresRateLimitBuckets rateLimitBuckets(Database database) {
        return new PostgresRateLimitBuckets(database.dataSource());
    }

    @Bean
    RateLimitStore rateLimitStore(PostgresRateLimitBuckets buckets) {
        return new SharedRateLimits(buckets);
    }

    @Bean(destroyMethod = "close")
    BoundedPasswordHasher passwordHasher() {
        return new BoundedPasswordHasher(new Argon2PasswordHasher(), HASHING_THREADS, PASSWORD_HASH_QUEUE);
    }

    /**
     * How many requests that hash a password (register, log-in, password change) run at once, on
     * threads of their own, and how long and how many may wait to start: sized to the hashing pool
     * (see {@link Bulkhead.Settings#forHashing}).
     */
    @Bean
    Bulkhead.Settings hashBoundRequests() {
        return Bulkhead.Settings.forHashing(HASHING_THREADS);
    }

    /** The use cases, wired by the application's one factory on the PostgreSQL adapter. */
    @Bean
    UseCases useCases(PostgresPersistence persistence, PasswordHasher hasher, Clock clock, SecureRandom random) {
        return UseCases.of(
                new UseCases.OutPorts(
                        persistence.transactions(),
                        persistence.sites(),
                        persistence.users(),
                        persistence.invites(),
                        persistence.applications(),
                        persistence.sessions(),
                        persistence.moderation(),
                        persistence.branches(),
                        hasher,
                        persistence.health()),
                clock,
                random,
                UseCases.DEFAULT_SITE_MAX_AGE);
    }

    @Bean
    EnsureAdminUseCase ensureAdmin(UseCases useCases) {
        return useCases.ensureAdmin();
    }

    @Bean
    SweepExpiredInvitesUseCase sweepExpiredInvites(UseCases useCases) {
        return useCases.sweepExpiredInvites();
    }

    @Bean
    SweepExpiredSessionsUseCase sweepExpiredSessions(UseCases useCases) {
        return useCases.sweepExpiredSessions();
    }

    @Bean(destroyMethod = "close")
    SweepSchedule sweepSchedule(
            SweepExpiredInvitesUseCase invites,
            SweepExpiredSessionsUseCase sessions,
            PostgresRateLimitBuckets rateLimitBuckets,
            Settings settings,
            Clock clock) {
        return new SweepSchedule(
                invites, sessions, rateLimitBuckets::sweepExpired, settings.inviteSweepInterval(), clock);
    }

    /** Built here, started by {@link Guestlist#start} once the first admin exists. */
    @Bean(destroyMethod = "stop")
    RestServer restServer(
            Settings settings, Bulkhead.Settings hashBoundRequests, UseCases useCases, RateLimitStore rateLimits) {
        RestSettings restSettings = new RestSettings(
                settings.bindAddress(),
                settings.port(),
                settings.publicUrl(),
                settings.authRateLimitPerMinute(),
                settings.validityRateLimitPerMinute(),
                settings.workerThreads(),
                settings.trustedProxies());
        return new RestServer(restSettings, hashBoundRequests, useCases, rateLimits, Version.current());
    }
}
