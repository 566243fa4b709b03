package guestlist.bootstrap;

import guestlist.adapters.postgres.PostgresPersistence;
import guestlist.adapters.postgres.PostgresRateLimitBuckets;
import guestlist.adapters.rest.RestServer;
import guestlist.adapters.rest.RestSettings;
import guestlist.adapters.rest.http.AccessLog;
import guestlist.adapters.rest.http.Bulkhead;
import guestlist.adapters.rest.http.RateLimitStore;
import guestlist.application.UseCases;
import guestlist.application.port.in.EnsureAdminUseCase;
import guestlist.application.port.in.SweepExpiredInvitesUseCase;
import guestlist.application.port.in.SweepExpiredSessionsUseCase;
import guestlist.application.port.out.PasswordHasher;
import guestlist.bootstrap.crypto.BoundedPasswordHasher;
import guestlist.bootstrap.crypto.DefaultPasswordHasher;
import guestlist.bootstrap.database.Database;
import guestlist.bootstrap.metrics.ManagementServer;
import guestlist.bootstrap.metrics.Metrics;
import guestlist.bootstrap.ratelimit.SharedRateLimits;
import guestlist.bootstrap.sweep.SweepSchedule;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.IntSupplier;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The wiring: database → persistence adapter → use cases ({@link UseCases}) → REST adapter, plus the
 * password hasher, the sweep schedule, and the metrics with their management port. Plain
 * spring-context; beans are closed in reverse order.
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

    /** The meters of this process; counted whether or not the management port serves them. */
    @Bean(destroyMethod = "close")
    Metrics metrics() {
        return new Metrics();
    }

    /** Built here, started by {@link Guestlist#start} after the API; closed after the API has drained. */
    @Bean(destroyMethod = "close")
    ManagementServer managementServer(Settings settings, Metrics metrics) {
        return new ManagementServer(settings.managementBindAddress(), settings.managementPort(), metrics::scrape);
    }

    @Bean(destroyMethod = "close")
    Database database(Settings settings, Metrics metrics) {
        Database database = Database.open(settings);
        try {
            metrics.watchPool(database.dataSource());
        } catch (RuntimeException failed) {
            database.close();
            throw failed;
        }
        return database;
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
    BoundedPasswordHasher passwordHasher(Metrics metrics) {
        DefaultPasswordHasher argon2id = new DefaultPasswordHasher();
        LoggerFactory.getLogger(GuestlistConfiguration.class).info("password hashing: {}", argon2id.description());
        BoundedPasswordHasher hasher =
                new BoundedPasswordHasher(argon2id, HASHING_THREADS, PASSWORD_HASH_QUEUE, metrics.passwordHashQueue());
        metrics.watchPasswordHashes(hasher);
        return hasher;
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

    /**
     * The use cases, wired by the application's one factory on the PostgreSQL adapter; registration
     * counted for the metrics by a decorator.
     */
    @Bean
    UseCases useCases(
            PostgresPersistence persistence, PasswordHasher hasher, Clock clock, SecureRandom random, Metrics metrics) {
        UseCases useCases = UseCases.of(
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
        return useCases.withRegister(metrics.countingRegistrations(useCases.register(), useCases.getSite()));
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
            Clock clock,
            Metrics metrics) {
        IntSupplier timedInvites = metrics.timedSweep("invites", invites::sweepExpiredInvites);
        IntSupplier timedSessions = metrics.timedSweep("sessions", sessions::sweepExpiredSessions);
        return new SweepSchedule(
                timedInvites::getAsInt,
                timedSessions::getAsInt,
                metrics.timedSweep("rate_limit_budgets", rateLimitBuckets::sweepExpired),
                settings.inviteSweepInterval(),
                clock);
    }

    /** Built here, started by {@link Guestlist#start} once the first admin exists. */
    @Bean(destroyMethod = "stop")
    RestServer restServer(
            Settings settings,
            Bulkhead.Settings hashBoundRequests,
            UseCases useCases,
            RateLimitStore rateLimits,
            Metrics metrics) {
        RestSettings restSettings = new RestSettings(
                settings.bindAddress(),
                settings.port(),
                settings.publicUrl(),
                settings.authRateLimitPerMinute(),
                settings.validityRateLimitPerMinute(),
                settings.workerThreads(),
                settings.trustedProxies());
        RestServer server = new RestServer(restSettings, hashBoundRequests, useCases, rateLimits, Version.current());
        server.observe(metrics.httpRequests());
        metrics.watchHashBoundRequests(server);
        if (settings.accessLog()) {
            server.observe(new AccessLog());
        }
        return server;
    }
}
