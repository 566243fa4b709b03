package guestlist.adapters.rest.http;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import guestlist.application.port.in.AuthenticateUseCase;
import guestlist.domain.account.LocalUser;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Objects;

/**
 * What a handler may ask of a request: who sends it, its JSON body, its query parameters. The
 * body has been received (within the limits) before the handler runs; it is decoded and bound when
 * the handler asks for it, so a handler that authenticates first answers {@code not_logged_in}
 * before it looks at the body.
 */
public final class ApiRequest {

    private static final String BEARER = "bearer ";

    private final HttpServerExchange exchange;
    private final AuthenticateUseCase authentication;
    private final byte[] body;
    private final SessionCookie cookie;
    private LocalUser actor;

    ApiRequest(HttpServerExchange exchange, AuthenticateUseCase authentication, byte[] body, SessionCookie cookie) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.body = Objects.requireNonNull(body, "body");
        this.cookie = Objects.requireNonNull(cookie, "cookie");
    }

    /**
     * The token of {@code Authorization: Bearer <token>}, else of the session cookie (from the public
     * origin only, for a request that may change something: else {@code cross_site_request}), or
     * {@code not_logged_in}.
     */
    public String sessionToken() {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        String token = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim()
                : "";
        if (token.isEmpty()) {
            token = cookie.token(exchange).orElse("");
        }
        if (token.isEmpty()) {
            throw new RequestRefusal(
                    RequestError.NO_BEARER_TOKEN, "log in first: send the token as Authorization: Bearer <jwt>");
        }
        return token;
    }

    /** The account of the session, or {@code not_logged_in}. */
    public LocalUser actor() {
        if (actor == null) {
            actor = authentication.authenticate(sessionToken());
        }
        return actor;
    }

    /**
     * The JSON object sent as the body ({@code {}} when there was none) bound into the request
     * record {@code type}, or a {@code bad_request} that names the field (see {@link Json#read}).
     */
    public <T> T body(Class<T> type) {
        return Json.read(body, type);
    }

    /**
     * Sets the session cookie to a session just opened (log-in, registration, a password change), so
     * that the pages are logged in; clients of the Bearer header ignore it.
     */
    public void startSessionCookie(String sessionToken, boolean stayLoggedIn) {
        cookie.set(exchange, sessionToken, stayLoggedIn);
    }

    /** Tells the browser to forget the session cookie (log-out). */
    public void clearSessionCookie() {
        cookie.clear(exchange);
    }

    /** The request's method and path as sent, for messages. */
    public String describe() {
        return exchange.getRequestMethod() + " " + exchange.getRequestPath();
    }

    /** The path relative to where routing started (the whole path here), for routing decisions. */
    public String path() {
        return exchange.getRelativePath();
    }

    /** Sets a header of the answer, e.g. {@code Allow}; it is kept on error answers too. */
    public void setResponseHeader(HttpString name, String value) {
        exchange.getResponseHeaders().put(name, value);
    }

    public QueryParameters query() {
        return new QueryParameters(exchange.getQueryParameters());
    }
}
