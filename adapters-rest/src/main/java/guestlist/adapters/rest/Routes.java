package guestlist.adapters.rest;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import guestlist.adapters.rest.handler.BanPersonHandler;
import guestlist.adapters.rest.handler.ChangeInvitePermissionHandler;
import guestlist.adapters.rest.handler.ChangePasswordHandler;
import guestlist.adapters.rest.handler.CheckInviteValidityHandler;
import guestlist.adapters.rest.handler.CreateInviteHandler;
import guestlist.adapters.rest.handler.DecideRegistrationApplicationHandler;
import guestlist.adapters.rest.handler.EditSiteHandler;
import guestlist.adapters.rest.handler.GetMyUserHandler;
import guestlist.adapters.rest.handler.GetRegistrationApplicationHandler;
import guestlist.adapters.rest.handler.GetSiteHandler;
import guestlist.adapters.rest.handler.HealthHandler;
import guestlist.adapters.rest.handler.ListInviteAncestryHandler;
import guestlist.adapters.rest.handler.ListInviteTreeHandler;
import guestlist.adapters.rest.handler.ListInvitesHandler;
import guestlist.adapters.rest.handler.ListModerationLogHandler;
import guestlist.adapters.rest.handler.ListRegistrationApplicationsHandler;
import guestlist.adapters.rest.handler.ListUserInvitesHandler;
import guestlist.adapters.rest.handler.ListUsersHandler;
import guestlist.adapters.rest.handler.LoginHandler;
import guestlist.adapters.rest.handler.LogoutHandler;
import guestlist.adapters.rest.handler.OpenApiDocumentHandler;
import guestlist.adapters.rest.handler.RegisterHandler;
import guestlist.adapters.rest.handler.RevokeAllInvitesHandler;
import guestlist.adapters.rest.handler.RevokeInviteHandler;
import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.http.Bulkhead;
import guestlist.adapters.rest.http.DeferredApiHandler;
import guestlist.adapters.rest.http.JsonEndpoint;
import guestlist.adapters.rest.http.Limits;
import guestlist.adapters.rest.http.RateLimiter;
import guestlist.adapters.rest.http.RequestObservers;
import guestlist.adapters.rest.http.SessionCookie;
import guestlist.adapters.rest.json.InviteLinks;
import guestlist.adapters.rest.pages.Pages;
import guestlist.application.UseCases;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The routing table of {@code /api/v4}: one handler per use case, each a {@link JsonEndpoint} that
 * receives the body on the I/O thread and runs the handler on a worker thread (the validity check's,
 * which never blocks, on the I/O thread). An unknown path is {@code 404 not_found}; a known path
 * with another method is {@code 405 method_not_allowed} with an {@code Allow} header.
 *
 * <p>Every endpoint whose use case hashes a password (register, log-in, password change) runs on the
 * hash-bound {@link Bulkhead} instead of the worker threads.
 *
 * <p>Every path outside {@code /api/v4} is one of the pages for people ({@link Pages}), whose session
 * comes to the API in the {@link SessionCookie}.
 */
final class Routes {

    static final String BASE = "/api/v4";

    private final RoutingHandler routing = new RoutingHandler(false);
    private final Map<String, Set<String>> methodsByPath = new TreeMap<>();
    private final UseCases useCases;
    private final Limits limits;
    private final Bulkhead hashBound;
    private final SessionCookie cookie;

    private Routes(UseCases useCases, Limits limits, Bulkhead hashBound, SessionCookie cookie) {
        this.useCases = useCases;
        this.limits = limits;
        this.hashBound = hashBound;
        this.cookie = cookie;
    }

    /**
     * @param authLimit     one budget for register, log-in and password changes
     * @param validityLimit the budget of validity checks
     * @param hashBound     where the endpoints that hash a password run
     */
    static HttpHandler build(
            RestSettings settings,
            UseCases useCases,
            String version,
            Limits limits,
            RateLimiter authLimit,
            RateLimiter validityLimit,
            Bulkhead hashBound) {
        HttpHandler api = declare(settings, useCases, version, limits, authLimit, validityLimit, hashBound).routing;
        HttpHandler pages = new Pages();
        return exchange -> {
            String path = exchange.getRelativePath();
            if (path.equals(BASE) || path.startsWith(BASE + "/")) {
                api.handleRequest(exchange);
            } else {
                pages.handleRequest(exchange);
            }
        };
    }

    /**
     * Every route, as {@link #build} serves them: what {@link #endpoints()} lists is what is routed
     * (the OpenAPI document's test compares the two).
     */
    static Routes declare(
            RestSettings settings,
            UseCases useCases,
            String version,
            Limits limits,
            RateLimiter authLimit,
            RateLimiter validityLimit,
            Bulkhead hashBound) {
        Routes routes = new Routes(useCases, limits, hashBound, SessionCookie.forPublicUrl(settings.publicUrl()));
        InviteLinks links = new InviteLinks(settings.publicUrl());

        routes.add(Methods.GET, "/health", routes.withoutBody(new HealthHandler(useCases.checkHealth())));
        routes.add(Methods.GET, "/openapi.json", routes.withoutBody(new OpenApiDocumentHandler()));

        routes.add(Methods.GET, "/site", routes.withoutBody(new GetSiteHandler(useCases.getSite(), version)));
        routes.add(Methods.PUT, "/site", routes.withBody(new EditSiteHandler(useCases.editSite())));

        routes.add(Methods.GET, "/account", routes.withoutBody(new GetMyUserHandler(useCases.getMyUser())));
        routes.add(
                Methods.POST,
                "/account/auth/register",
                authLimit.guarding(routes.hashing(new RegisterHandler(useCases.register()))));
        routes.add(
                Methods.POST,
                "/account/auth/login",
                authLimit.guarding(routes.hashing(new LoginHandler(useCases.login()))));
        routes.add(Methods.POST, "/account/auth/logout", routes.withBody(new LogoutHandler(useCases.logout())));
        routes.add(
                Methods.PUT,
                "/account/auth/change_password",
                authLimit.guarding(routes.hashing(new ChangePasswordHandler(useCases.changePassword()))));

        routes.add(
                Methods.POST,
                "/account/invite",
                routes.withBody(new CreateInviteHandler(useCases.createInvite(), links)));
        routes.add(
                Methods.DELETE, "/account/invite", routes.withBody(new RevokeInviteHandler(useCases.revokeInvite())));
        routes.add(
                Methods.GET,
                "/account/invite/list",
                routes.withoutBody(new ListInvitesHandler(useCases.listInvites(), links)));
        routes.add(
                Methods.GET,
                "/account/invite/validity",
                validityLimit.guarding(
                        routes.deferred(new CheckInviteValidityHandler(useCases.checkInviteValidity()))));

        routes.add(
                Methods.GET,
                "/admin/registration_application/list",
                routes.withoutBody(new ListRegistrationApplicationsHandler(useCases.listRegistrationApplications())));
        routes.add(
                Methods.GET,
                "/admin/registration_application",
                routes.withoutBody(new GetRegistrationApplicationHandler(useCases.getRegistrationApplication())));
        routes.add(
                Methods.PUT,
                "/admin/registration_application/approve",
                routes.withBody(new DecideRegistrationApplicationHandler(useCases.decideRegistrationApplication())));

        routes.add(Methods.GET, "/admin/users", routes.withoutBody(new ListUsersHandler(useCases.listUsers())));
        routes.add(Methods.POST, "/admin/ban", routes.withBody(new BanPersonHandler(useCases.banPerson())));
        routes.add(
                Methods.GET,
                "/admin/invite/tree",
                routes.withoutBody(new ListInviteTreeHandler(useCases.listInviteTree())));
        routes.add(
                Methods.GET,
                "/admin/invite/ancestry",
                routes.withoutBody(new ListInviteAncestryHandler(useCases.listInviteAncestry())));
        routes.add(
                Methods.GET,
                "/admin/invite/list",
                routes.withoutBody(new ListUserInvitesHandler(useCases.listUserInvites(), links)));
        routes.add(
                Methods.POST,
                "/admin/invite/revoke_all",
                routes.withBody(new RevokeAllInvitesHandler(useCases.revokeAllInvites())));
        routes.add(
                Methods.PUT,
                "/admin/invite/permission",
                routes.withBody(new ChangeInvitePermissionHandler(useCases.changeInvitePermission())));
        routes.add(
                Methods.GET,
                "/admin/invite/log",
                routes.withoutBody(new ListModerationLogHandler(useCases.listModerationLog())));

        routes.routing.setFallbackHandler(routes.withoutBody(Routes::notFound));
        routes.routing.setInvalidMethodHandler(routes.withoutBody(routes::methodNotAllowed));
        return routes;
    }

    /** Every routed path (with the base path) and its methods, e.g. {@code /api/v4/site -> [GET, PUT]}. */
    Map<String, Set<String>> endpoints() {
        Map<String, Set<String>> copy = new TreeMap<>();
        methodsByPath.forEach((path, methods) -> copy.put(path, Set.copyOf(methods)));
        return copy;
    }

    private JsonEndpoint withoutBody(ApiHandler handler) {
        return JsonEndpoint.withoutBody(handler, useCases.authenticate(), limits, cookie);
    }

    private JsonEndpoint deferred(DeferredApiHandler handler) {
        return JsonEndpoint.deferred(handler, useCases.authenticate(), limits, cookie);
    }

    private JsonEndpoint withBody(ApiHandler handler) {
        return JsonEndpoint.withBody(handler, useCases.authenticate(), limits, cookie);
    }

    /** An endpoint with a body whose use case hashes a password: on the hash-bound bulkhead. */
    private JsonEndpoint hashing(ApiHandler handler) {
        return withBody(handler).on(hashBound);
    }

    private void add(HttpString method, String path, HttpHandler endpoint) {
        routing.add(method, BASE + path, RequestObservers.routed(BASE + path, endpoint));
        methodsByPath.computeIfAbsent(BASE + path, ignored -> new TreeSet<>()).add(method.toString());
    }

    private static Object notFound(ApiRequest request) {
        throw new RequestRefusal(RequestError.NO_SUCH_ENDPOINT, "there is no endpoint " + request.describe());
    }

    private Object methodNotAllowed(ApiRequest request) {
        String allowed = String.join(", ", methodsByPath.getOrDefault(request.path(), Set.of()));
        request.setResponseHeader(Headers.ALLOW, allowed);
        throw new RequestRefusal(
                RequestError.METHOD_NOT_ALLOWED,
                "there is no endpoint " + request.describe() + "; this path allows " + allowed);
    }
}
