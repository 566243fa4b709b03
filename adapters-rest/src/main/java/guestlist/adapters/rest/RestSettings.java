package guestlist.adapters.rest;

import guestlist.adapters.rest.http.TrustedProxies;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * How the REST server runs.
 *
 * @param bindAddress                the address to listen on, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port                       the TCP port; 0 picks a free one ({@link RestServer#port()} tells which)
 * @param publicUrl                  the server's public base URL, e.g. {@code https://example.org}; invite
 *                                   links are {@code {publicUrl}/signup?token=...} (trailing slashes ignored)
 * @param authRateLimitPerMinute     register + log-in + password change requests per client address per minute;
 *                                   0 = no limit
 * @param validityRateLimitPerMinute invite validity checks per client address per minute; 0 = no limit
 * @param workerThreads              threads that run requests (reading bodies, calling use cases)
 * @param trustedProxies             the reverse proxies whose {@code X-Forwarded-For} names the client
 *                                   (SPEC §8); {@link TrustedProxies#NONE} believes nobody's
 */
public record RestSettings(
        String bindAddress,
        int port,
        String publicUrl,
        int authRateLimitPerMinute,
        int validityRateLimitPerMinute,
        int workerThreads,
        TrustedProxies trustedProxies) {

    /** Undertow's own default: eight worker threads per I/O thread, one I/O thread per core (at least two). */
    public static final int DEFAULT_WORKER_THREADS =
            Math.max(2, Runtime.getRuntime().availableProcessors()) * 8;

    public RestSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        if (!isHttpUrl(publicUrl)) {
            throw new IllegalArgumentException("publicUrl must be an absolute http(s) URL, not " + publicUrl);
        }
        if (authRateLimitPerMinute < 0 || validityRateLimitPerMinute < 0) {
            throw new IllegalArgumentException("rate limits must not be negative (0 turns one off)");
        }
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be positive");
        }
    }

    /** Settings that trust no proxy: every request's client is the peer of its connection. */
    public RestSettings(
            String bindAddress,
            int port,
            String publicUrl,
            int authRateLimitPerMinute,
            int validityRateLimitPerMinute,
            int workerThreads) {
        this(
                bindAddress,
                port,
                publicUrl,
                authRateLimitPerMinute,
                validityRateLimitPerMinute,
                workerThreads,
                TrustedProxies.NONE);
    }

    /** The same settings, trusting {@code proxies}. */
    public RestSettings withTrustedProxies(TrustedProxies proxies) {
        return new RestSettings(
                bindAddress,
                port,
                publicUrl,
                authRateLimitPerMinute,
                validityRateLimitPerMinute,
                workerThreads,
                proxies);
    }

    /**
     * Whether {@code text} can be the public URL: an absolute {@code http} or {@code https} URL with
     * a host and neither query nor fragment.
     */
    public static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute()
                    && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
