package guestlist.adapters.rest;

import static guestlist.testsupport.Credentials.ADMIN_NAME;
import static guestlist.testsupport.Credentials.ADMIN_PASSWORD;
import static guestlist.testsupport.Credentials.PASSWORD;

import guestlist.adapters.rest.http.Bulkhead;
import guestlist.adapters.rest.http.InMemoryRateLimitStore;
import guestlist.adapters.rest.http.Limits;
import guestlist.adapters.rest.http.RateLimitStore;
import guestlist.application.UseCases;
import guestlist.application.inmemory.InMemoryApplication;
import guestlist.application.inmemory.InMemoryStore;
import guestlist.application.port.in.ChangePasswordUseCase;
import guestlist.application.port.in.CheckHealthUseCase;
import guestlist.application.port.in.GetSiteUseCase;
import guestlist.application.port.in.LoginUseCase;
import guestlist.application.port.in.RegisterUseCase;
import guestlist.domain.account.LocalUser;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import guestlist.testsupport.HttpApi;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A {@link RestServer} on a free port, driving the real services on the in-memory store, with an
 * admin already logged in; as an {@link HttpApi}, the client that speaks to it as Lemmy's client does.
 */
final class TestApi extends HttpApi implements AutoCloseable {

    static final String PUBLIC_URL = "https://guestlist.example/";
    static final String VERSION = "0.1.0-test";
    static final Limits TEST_LIMITS = new Limits(64 * 1024, Duration.ofSeconds(2), Duration.ofSeconds(5), 1_000);

    final InMemoryApplication app;
    final RateLimitStore rateLimits;
    final RestServer server;
    final LocalUser admin;
    final String adminToken;

    private TestApi(InMemoryApplication app, RateLimitStore rateLimits, RestServer server, LocalUser admin) {
        super(server.port());
        this.app = app;
        this.rateLimits = rateLimits;
        this.server = server;
        this.admin = admin;
        this.adminToken = login(ADMIN_NAME, ADMIN_PASSWORD);
    }

    static TestApi start() {
        return start(settings(0, 0), UnaryOperator.identity(), TEST_LIMITS);
    }

    static TestApi start(RestSettings settings) {
        return start(settings, UnaryOperator.identity(), TEST_LIMITS);
    }

    static TestApi start(RestSettings settings, UnaryOperator<UseCases> adjust, Limits limits) {
        return start(settings, adjust, limits, new InMemoryRateLimitStore());
    }

    /** With the rate limits counted in {@code rateLimits}. */
    static TestApi start(RestSettings settings, RateLimitStore rateLimits) {
        return start(settings, UnaryOperator.identity(), TEST_LIMITS, rateLimits);
    }

    static TestApi start(
            RestSettings settings, UnaryOperator<UseCases> adjust, Limits limits, RateLimitStore rateLimits) {
        return start(
                settings,
                Bulkhead.Settings.forHashing(Runtime.getRuntime().availableProcessors()),
                adjust,
                limits,
                rateLimits);
    }

    /** With the hash-bound requests on a bulkhead of {@code hashBound}'s size. */
    static TestApi start(RestSettings settings, Bulkhead.Settings hashBound, UnaryOperator<UseCases> adjust) {
        return start(settings, hashBound, adjust, TEST_LIMITS, new InMemoryRateLimitStore());
    }

    private static TestApi start(
            RestSettings settings,
            Bulkhead.Settings hashBound,
            UnaryOperator<UseCases> adjust,
            Limits limits,
            RateLimitStore rateLimits) {
        InMemoryApplication app = new InMemoryApplication();
        RestServer server =
                new RestServer(settings, hashBound, adjust.apply(app.useCases()), rateLimits, VERSION, limits);
        LocalUser admin = app.createAdmin(ADMIN_NAME, ADMIN_PASSWORD);
        server.start();
        return new TestApi(app, rateLimits, server, admin);
    }

    static RestSettings settings(int authPerMinute, int validityPerMinute) {
        return new RestSettings("127.0.0.1", 0, PUBLIC_URL, authPerMinute, validityPerMinute, 8);
    }

    /** The same use cases with another {@code GetSiteUseCase}. */
    static UnaryOperator<UseCases> withGetSite(GetSiteUseCase getSite) {
        return u -> replacing(u, getSite, u.checkHealth());
    }

    /** The same use cases with another {@code CheckHealthUseCase}. */
    static UnaryOperator<UseCases> withHealth(CheckHealthUseCase checkHealth) {
        return u -> replacing(u, u.getSite(), checkHealth);
    }

    /** The same use cases with other register, log-in and password change use cases (the ones that hash). */
    static UnaryOperator<UseCases> withHashing(
            UnaryOperator<RegisterUseCase> register,
            UnaryOperator<LoginUseCase> login,
            UnaryOperator<ChangePasswordUseCase> changePassword) {
        return u -> new UseCases(
                register.apply(u.register()),
                login.apply(u.login()),
                u.logout(),
                changePassword.apply(u.changePassword()),
                u.authenticate(),
                u.sweepExpiredSessions(),
                u.getSite(),
                u.editSite(),
                u.createInvite(),
                u.listInvites(),
                u.revokeInvite(),
                u.checkInviteValidity(),
                u.sweepExpiredInvites(),
                u.listRegistrationApplications(),
                u.getRegistrationApplication(),
                u.decideRegistrationApplication(),
                u.ensureAdmin(),
                u.checkHealth(),
                u.listUsers(),
                u.banPerson(),
                u.listInviteTree(),
                u.listInviteAncestry(),
                u.listUserInvites(),
                u.revokeAllInvites(),
                u.changeInvitePermission(),
                u.listModerationLog(),
                u.getMyUser());
    }

    private static UseCases replacing(UseCases u, GetSiteUseCase getSite, CheckHealthUseCase checkHealth) {
        return new UseCases(
                u.register(),
                u.login(),
                u.logout(),
                u.changePassword(),
                u.authenticate(),
                u.sweepExpiredSessions(),
                getSite,
                u.editSite(),
                u.createInvite(),
                u.listInvites(),
                u.revokeInvite(),
                u.checkInviteValidity(),
                u.sweepExpiredInvites(),
                u.listRegistrationApplications(),
                u.getRegistrationApplication(),
                u.decideRegistrationApplication(),
                u.ensureAdmin(),
                checkHealth,
                u.listUsers(),
                u.banPerson(),
                u.listInviteTree(),
                u.listInviteAncestry(),
                u.listUserInvites(),
                u.revokeAllInvites(),
                u.changeInvitePermission(),
                u.listModerationLog(),
                u.getMyUser());
    }

    int port() {
        return server.port();
    }

    InMemoryStore store() {
        return (InMemoryStore) app.store();
    }

    void setMode(RegistrationMode mode) {
        app.useCases()
                .editSite()
                .editSite(
                        admin,
                        new SiteChanges(Optional.empty(), Optional.of(mode), Optional.empty(), Optional.empty()));
    }

    /** Registers {@code name} in open mode (switching to it) and returns the session token. */
    String registerOpen(String name, String email) {
        setMode(RegistrationMode.OPEN);
        String emailField = email == null ? "" : ",\"email\":\"" + email + "\"";
        Answer answer = send(
                "POST",
                "/account/auth/register",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"password_verify\":\"" + PASSWORD
                        + "\"" + emailField + "}",
                null);
        if (answer.status() != 200) {
            throw new IllegalStateException("registration failed: " + answer);
        }
        return answer.jwt();
    }

    @Override
    public void close() {
        server.stop();
    }
}
