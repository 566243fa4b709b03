package guestlist.bootstrap;

import guestlist.adapters.rest.http.TrustedProxies;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of a Guestlist process, read once from the environment (SPEC §4). A value that
 * cannot be understood stops the start with a message naming the variable.
 *
 * @param databaseUrl empty = run an embedded PostgreSQL in {@code dataDir}
 * @param adminUsername the admin to create when none exists; empty = {@code admin}
 * @param adminPassword that admin's password; empty = a random one, logged once
 * @param trustedProxies the reverse proxies whose {@code X-Forwarded-For} names the client (SPEC §8)
 */
public record Settings(
        int port,
        String bindAddress,
        String publicUrl,
        Optional<String> databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        Path dataDir,
        Optional<String> adminUsername,
        Optional<String> adminPassword,
        Duration inviteSweepInterval,
        int authRateLimitPerMinute,
        int validityRateLimitPerMinute,
        int databasePoolSize,
        int workerThreads,
        TrustedProxies trustedProxies) {

    /** The largest rate limit per minute (a benchmark may want one that nothing reaches). */
    static final int MAX_RATE_LIMIT = 1_000_000_000;

    public static Settings fromEnvironment(Map<String, String> env) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new Settings(
                integer(env, "GUESTLIST_PORT", 8536, 0, 65535),
                text(env, "GUESTLIST_BIND_ADDRESS").orElse("127.0.0.1"),
                text(env, "GUESTLIST_PUBLIC_URL")
                        .orElse("http://localhost:8536")
                        .replaceAll("/+$", ""),
                text(env, "GUESTLIST_DATABASE_URL").map(Settings::jdbcUrl),
                text(env, "GUESTLIST_DATABASE_USER"),
                text(env, "GUESTLIST_DATABASE_PASSWORD"),
                Path.of(text(env, "GUESTLIST_DATA_DIR").orElse("./guestlist-data")),
                text(env, "GUESTLIST_ADMIN_USERNAME"),
                text(env, "GUESTLIST_ADMIN_PASSWORD"),
                duration(env, "GUESTLIST_INVITE_SWEEP_INTERVAL", Duration.ofHours(1)),
                integer(env, "GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE", 10, 0, MAX_RATE_LIMIT),
                integer(env, "GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE", 60, 0, MAX_RATE_LIMIT),
                integer(env, "GUESTLIST_DATABASE_POOL_SIZE", Math.max(10, cores * 4), 1, 1_000),
                integer(env, "GUESTLIST_WORKER_THREADS", Math.max(16, cores * 8), 1, 10_000),
                trustedProxies(env, "GUESTLIST_TRUSTED_PROXIES"));
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        Optional<String> raw = text(env, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + raw.get() + "'");
        }
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback) {
        Optional<String> raw = text(env, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            Duration value = Duration.parse(raw.get());
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration");
            }
            return value;
        } catch (DateTimeParseException notIso) {
            throw new IllegalArgumentException(
                    name + " must be an ISO-8601 duration such as PT1H, not '" + raw.get() + "'");
        }
    }

    private static TrustedProxies trustedProxies(Map<String, String> env, String name) {
        Optional<String> raw = text(env, name);
        if (raw.isEmpty()) {
            return TrustedProxies.NONE;
        }
        try {
            return TrustedProxies.parse(raw.get());
        } catch (IllegalArgumentException notAList) {
            throw new IllegalArgumentException(
                    name + " must be comma-separated IP addresses or CIDR ranges: " + notAList.getMessage());
        }
    }

    private static String jdbcUrl(String url) {
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("GUESTLIST_DATABASE_URL must be a jdbc:postgresql:// URL");
        }
        return url;
    }

    /** The same settings with another port (tests bind port 0 and read the real one back). */
    public Settings withPort(int newPort) {
        return new Settings(
                newPort,
                bindAddress,
                publicUrl,
                databaseUrl,
                databaseUser,
                databasePassword,
                dataDir,
                adminUsername,
                adminPassword,
                inviteSweepInterval,
                authRateLimitPerMinute,
                validityRateLimitPerMinute,
                databasePoolSize,
                workerThreads,
                trustedProxies);
    }

    @Override
    public String toString() {
        return "Settings[port=" + port + ", bindAddress=" + bindAddress + ", publicUrl=" + publicUrl
                + ", database=" + databaseUrl.orElse("embedded in " + dataDir) + ", inviteSweepInterval="
                + inviteSweepInterval + ", authRateLimitPerMinute=" + authRateLimitPerMinute
                + ", validityRateLimitPerMinute=" + validityRateLimitPerMinute + ", databasePoolSize="
                + databasePoolSize + ", workerThreads=" + workerThreads + ", trustedProxies=" + trustedProxies + "]";
    }
}
