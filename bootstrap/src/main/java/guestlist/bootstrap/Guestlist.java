package guestlist.bootstrap;

import guestlist.adapters.rest.RestServer;
import guestlist.application.port.in.EnsureAdminUseCase;
import guestlist.bootstrap.database.DatabaseStartWait;
import guestlist.bootstrap.metrics.ManagementServer;
import guestlist.domain.account.Password;
import guestlist.domain.account.Username;
import java.net.BindException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A running Guestlist: the Spring context with everything wired, the first admin in place, the HTTP
 * server listening, and the management port (metrics) unless it is off. {@link #close()} stops it
 * in reverse order.
 */
public final class Guestlist implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Guestlist.class);

    private final AnnotationConfigApplicationContext context;
    private final RestServer server;
    private final ManagementServer management;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Guestlist(AnnotationConfigApplicationContext context, RestServer server, ManagementServer management) {
        this.context = context;
        this.server = server;
        this.management = management;
    }

    /**
     * Waits for a configured database ({@link DatabaseStartWait}), then wires and starts everything.
     *
     * @throws StartupFailure for what the operator can fix (a database not reached, a port in use), in
     *     one line naming the variable
     */
    public static Guestlist start(Settings settings) {
        return start(settings, context -> {});
    }

    /**
     * Starts as {@link #start(Settings)} does, letting {@code customize} add to the Spring context
     * before it is refreshed: for tests that observe or decorate a bean of the real wiring (a
     * {@code BeanPostProcessor} that counts the password hasher's calls, say).
     */
    public static Guestlist start(Settings settings, Consumer<? super GenericApplicationContext> customize) {
        long started = System.nanoTime();
        // before anything starts: a database started beside us may need a moment (GUESTLIST_DATABASE_START_TIMEOUT)
        settings.databaseUrl()
                .ifPresent(url -> DatabaseStartWait.await(
                        url,
                        settings.databaseUser().orElse(null),
                        settings.databasePassword().orElse(null),
                        settings.databaseStartTimeout()));
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        try {
            context.registerBean(Settings.class, () -> settings);
            context.register(GuestlistConfiguration.class);
            customize.accept(context);
            context.refresh();
            ensureAdmin(context.getBean(EnsureAdminUseCase.class), settings);
            RestServer server = context.getBean(RestServer.class);
            startListening(server, settings);
            ManagementServer management = context.getBean(ManagementServer.class);
            management.start();
            LOG.info(
                    "Guestlist listening on http://{}:{}/api/v4, {} (started in {} ms)",
                    settings.bindAddress(),
                    server.port(),
                    management.port().isPresent()
                            ? "metrics on http://" + settings.managementBindAddress() + ":"
                                    + management.port().getAsInt() + "/metrics"
                            : "metrics off (GUESTLIST_MANAGEMENT_PORT=0)",
                    (System.nanoTime() - started) / 1_000_000);
            return new Guestlist(context, server, management);
        } catch (RuntimeException failed) {
            context.close();
            throw failed;
        }
    }

    /** Starts the API; an address that cannot be bound is a {@link StartupFailure} naming {@code GUESTLIST_PORT}. */
    private static void startListening(RestServer server, Settings settings) {
        try {
            server.start();
        } catch (RuntimeException failed) {
            for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException notBound) {
                    throw new StartupFailure(
                            StartupFailure.EXIT_FAILED,
                            "GUESTLIST_PORT: cannot listen on " + settings.bindAddress() + ":" + settings.port() + ": "
                                    + notBound.getMessage());
                }
            }
            throw failed;
        }
    }

    /** Creates the configured admin, or one named "admin" with a random password logged once, when none exists. */
    private static void ensureAdmin(EnsureAdminUseCase admins, Settings settings) {
        Username name = new Username(settings.adminUsername().orElse("admin"));
        Optional<String> configured = settings.adminPassword();
        String password = configured.orElseGet(Guestlist::randomPassword);
        admins.ensureAdmin(name, new Password(password)).ifPresent(admin -> {
            if (configured.isPresent()) {
                LOG.info("created the admin '{}' with the configured password", admin.name());
            } else {
                LOG.warn(
                        "created the admin '{}' with the password {} (shown only this once: change it or "
                                + "set GUESTLIST_ADMIN_PASSWORD)",
                        admin.name(),
                        password);
            }
        });
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The port the HTTP server listens on (the real one when the settings asked for port 0). */
    public int port() {
        return server.port();
    }

    /** The port {@code GET /metrics} is served on; empty when the management port is off. */
    public OptionalInt managementPort() {
        return management.port();
    }

    /** Spring beans, for tests that need to reach behind the HTTP API. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Stops the server, then everything else; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Guestlist stopping");
        try {
            server.stop();
        } finally {
            context.close();
        }
        LOG.info("Guestlist stopped");
    }
}
