package guestlist.adapters.rest.pages;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.ETag;
import io.undertow.util.ETagUtils;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pages for people (SPEC §7), served at the server's root from files inside the jar
 * ({@value #ROOT}): plain HTML, one style sheet and JavaScript modules that call the JSON API of the
 * same origin. Nothing is generated per request: what differs (the site's name, the account, the
 * invites) the page's script reads from the API and sets as text.
 *
 * <p>Every answer, a page, a file or the page for an unknown path, carries the headers of SPEC §7:
 * a {@code Content-Security-Policy} that allows only this origin and no inline script or style
 * ({@link #CONTENT_SECURITY_POLICY}), {@code frame-ancestors 'none'}, {@code Referrer-Policy:
 * no-referrer} (an invite's token is in the address of {@code /signup}) and {@code
 * X-Content-Type-Options: nosniff}. Files are revalidated on every use ({@code Cache-Control: no-cache}
 * with an {@code ETag}), so a new jar's pages are seen at once. The files are read into memory once;
 * answers are written on the I/O thread.
 */
public final class Pages implements HttpHandler {

    /** Where the files are on the class path. */
    static final String ROOT = "guestlist/pages/";

    /** The pages: the address a person opens, and the file it is. */
    static final Map<String, String> PAGES = Map.of(
            "/", "index.html",
            "/signup", "signup.html",
            "/login", "login.html",
            "/invites", "invites.html",
            "/account", "account.html",
            "/admin", "admin.html");

    /** The files the pages load, each at {@code /assets/<name>}. */
    static final List<String> ASSETS = List.of(
            "site.css",
            "icon.svg",
            "api.js",
            "words.js",
            "ui.js",
            "home.js",
            "signup.js",
            "login.js",
            "invites.js",
            "account.js",
            "admin.js");

    static final String NOT_FOUND_PAGE = "not-found.html";

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    private static final HttpString CONTENT_SECURITY_POLICY_HEADER = new HttpString("Content-Security-Policy");
    private static final HttpString REFERRER_POLICY = new HttpString("Referrer-Policy");
    private static final HttpString X_FRAME_OPTIONS = new HttpString("X-Frame-Options");
    private static final HttpString CROSS_ORIGIN_OPENER_POLICY = new HttpString("Cross-Origin-Opener-Policy");
    private static final HttpString CROSS_ORIGIN_RESOURCE_POLICY = new HttpString("Cross-Origin-Resource-Policy");

    /** A file as it is served: its bytes (read-only, shared by every answer), type and tag. */
    record File(ByteBuffer content, String contentType, ETag etag) {

        static File of(byte[] bytes, String contentType) {
            return new File(ByteBuffer.wrap(bytes).asReadOnlyBuffer(), contentType, etagOf(bytes));
        }

        int length() {
            return content.remaining();
        }
    }

    private final Map<String, File> byPath = new HashMap<>();
    private final File notFound;

    /** Reads every page and file; fails when one is missing from the class path (a broken build). */
    public Pages() {
        PAGES.forEach((path, name) -> byPath.put(path, load(name)));
        for (String asset : ASSETS) {
            byPath.put("/assets/" + asset, load(asset));
        }
        notFound = load(NOT_FOUND_PAGE);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        HttpString method = exchange.getRequestMethod();
        securityHeaders(exchange);
        if (!method.equals(Methods.GET) && !method.equals(Methods.HEAD)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            send(exchange, 405, text("This address only shows a page (GET); it takes nothing sent to it.\n"));
            return;
        }
        File file = byPath.get(exchange.getRequestPath());
        if (file == null) {
            send(exchange, 404, notFound);
            return;
        }
        exchange.getResponseHeaders().put(Headers.ETAG, file.etag().toString());
        if (!ETagUtils.handleIfNoneMatch(exchange, file.etag(), false)) {
            exchange.setStatusCode(304);
            exchange.endExchange();
            return;
        }
        send(exchange, 200, file);
    }

    /** The headers of SPEC §7, on every answer of the pages. */
    static void securityHeaders(HttpServerExchange exchange) {
        exchange.getResponseHeaders()
                .put(CONTENT_SECURITY_POLICY_HEADER, CONTENT_SECURITY_POLICY)
                .put(REFERRER_POLICY, "no-referrer")
                .put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff")
                .put(X_FRAME_OPTIONS, "DENY")
                .put(CROSS_ORIGIN_OPENER_POLICY, "same-origin")
                .put(CROSS_ORIGIN_RESOURCE_POLICY, "same-origin")
                .put(Headers.CACHE_CONTROL, "no-cache");
    }

    private static void send(HttpServerExchange exchange, int status, File file) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, file.contentType());
        exchange.setResponseContentLength(file.length());
        if (exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.endExchange();
            return;
        }
        exchange.getResponseSender().send(file.content().duplicate());
    }

    private static File text(String text) {
        return File.of(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    static File load(String name) {
        try (InputStream in = Pages.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            Objects.requireNonNull(in, () -> "the page file " + ROOT + name + " is not in the jar");
            return File.of(in.readAllBytes(), contentType(name));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        throw new IllegalArgumentException("no content type known for " + name);
    }

    private static ETag etagOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new ETag(
                    false,
                    Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(digest)
                            .substring(0, 22));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
