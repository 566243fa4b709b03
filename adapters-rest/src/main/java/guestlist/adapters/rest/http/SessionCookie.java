package guestlist.adapters.rest.http;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The session cookie of the pages (SPEC §7): {@code jwt}, {@code HttpOnly}, {@code SameSite=Strict},
 * {@code Secure} when the public URL is https, set by log-in, registration and a password change,
 * cleared by log-out, and accepted by the API beside the {@code Authorization: Bearer} header (the
 * header wins when both come).
 *
 * <p>A request authenticated by the cookie that may change something (any method but {@code GET},
 * {@code HEAD} and {@code OPTIONS}) must come from a page of the public URL's origin: its {@code Origin}
 * header must be that origin, else it is {@code 403 cross_site_request} before anything is read or
 * written. A missing {@code Origin} counts as another origin: browsers send it with every such request,
 * and a client without a browser sends the Bearer header. {@code SameSite=Strict} alone would not do:
 * a page on another port of the same host is the same site, and its requests carry the cookie.
 */
public final class SessionCookie {

    public static final String NAME = "jwt";

    /** How long the cookie is kept without {@code stay_logged_in}: as long as such a session lasts. */
    static final Duration SESSION = Duration.ofDays(7);

    /** How long it is kept with {@code stay_logged_in}: the longest a browser keeps a cookie (400 days). */
    static final Duration STAYING = Duration.ofDays(400);

    private static final Set<HttpString> SAFE_METHODS = Set.of(Methods.GET, Methods.HEAD, Methods.OPTIONS);

    /** Accepts no cookie at all: every session comes in the Bearer header. */
    public static final SessionCookie NONE = new SessionCookie(Optional.empty(), false);

    private final Optional<String> origin;
    private final boolean secure;

    private SessionCookie(Optional<String> origin, boolean secure) {
        this.origin = origin;
        this.secure = secure;
    }

    /** The cookie of a server whose pages are at {@code publicUrl}, an absolute http(s) URL. */
    public static SessionCookie forPublicUrl(String publicUrl) {
        URI uri = URI.create(Objects.requireNonNull(publicUrl, "publicUrl"));
        return new SessionCookie(Optional.of(originOf(uri)), "https".equalsIgnoreCase(uri.getScheme()));
    }

    /**
     * The origin a browser sends for pages of {@code uri}: scheme, host and the port unless it is the
     * scheme's default, in lower case ({@code https://example.org}, {@code http://127.0.0.1:8536}).
     */
    static String originOf(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** The origin the pages are served from; empty for {@link #NONE}. */
    public Optional<String> origin() {
        return origin;
    }

    /**
     * The session token the cookie carries, when this server accepts cookies and the request has a
     * non-empty one; for a request that may change something, only from the public origin (else
     * {@code cross_site_request}).
     */
    Optional<String> token(HttpServerExchange exchange) {
        if (origin.isEmpty()) {
            return Optional.empty();
        }
        Cookie cookie = exchange.getRequestCookie(NAME);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isBlank()) {
            return Optional.empty();
        }
        if (!SAFE_METHODS.contains(exchange.getRequestMethod())) {
            String sentBy = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
            if (!origin.get().equals(sentBy)) {
                throw new RequestRefusal(
                        RequestError.CROSS_SITE_REQUEST,
                        sentBy == null
                                ? "a request that changes something must say where it comes from (Origin) when it is"
                                        + " authenticated by the session cookie"
                                : "requests authenticated by the session cookie are taken only from pages of "
                                        + origin.get() + ", not from " + sentBy);
            }
        }
        return Optional.of(cookie.getValue().trim());
    }

    /** Sets the cookie to {@code token}; kept a week, or 400 days with {@code stayLoggedIn}. */
    void set(HttpServerExchange exchange, String token, boolean stayLoggedIn) {
        if (origin.isEmpty()) {
            return;
        }
        long seconds = (stayLoggedIn ? STAYING : SESSION).toSeconds();
        exchange.getResponseHeaders().add(Headers.SET_COOKIE, header(token, seconds));
    }

    /** Tells the browser to forget the cookie. */
    void clear(HttpServerExchange exchange) {
        if (origin.isEmpty()) {
            return;
        }
        exchange.getResponseHeaders().add(Headers.SET_COOKIE, header("", 0));
    }

    private String header(String value, long maxAgeSeconds) {
        return NAME + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
