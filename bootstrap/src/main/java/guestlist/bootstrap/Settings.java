package guestlist.bootstrap;

import guestlist.adapters.rest.RestSettings;
import guestlist.adapters.rest.http.TrustedProxies;
import guestlist.bootstrap.database.DatabaseAddress;
import guestlist.domain.Refusal;
import guestlist.domain.account.Password;
import guestlist.domain.account.Username;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every setting of a Guestlist process, read once from the environment (SPEC §4, §8). Every value is
 * checked here, before anything starts: one that cannot be understood stops the start with a
 * message naming the variable (and never repeating a password).
 *
 * @param databaseUrl empty = run an embedded PostgreSQL in {@code dataDir}
 * @param adminUsername the admin to create when none exists; empty = {@code admin}
 * @param adminPassword that admin's password; empty = a random one, logged once
 * @param trustedProxies the reverse proxies whose {@code X-Forwarded-For} names the client (SPEC §8)
 * @param managementPort where {@code GET /metrics} is served; 0 = not at all
 * @param managementBindAddress the address the management port listens on
 * @param accessLog whether every request is logged in a line ({@code guestlist.access})
 * @param databaseStartTimeout how long a start waits for the database at {@code databaseUrl} to answer
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
        TrustedProxies trustedProxies,
        int managementPort,
        String managementBindAddress,
        boolean accessLog,
        Duration databaseStartTimeout) {

    /** The largest rate limit per minute (a benchmark may want one that nothing reaches). */
    static final int MAX_RATE_LIMIT = 1_000_000_000;

    /** The management port of SPEC §8 unless told. */
    static final int DEFAULT_MANAGEMENT_PORT = 9536;

    /** How long a start waits for the database unless told: long enough for one started beside it. */
    static final Duration DEFAULT_DATABASE_START_TIMEOUT = Duration.ofSeconds(30);

    /** What a host name or an IP literal may look like; whether it is one of this machine's, binding tells. */
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /**
     * The settings in {@code env}, every one checked.
     *
     * @throws IllegalArgumentException naming the first variable whose value cannot be used
     */
    public static Settings fromEnvironment(Map<String, String> env) {
        int cores = Runtime.getRuntime().availableProcessors();
        Settings settings = new Settings(
                integer(env, "GUESTLIST_PORT", 8536, 0, 65535),
                host(env, "GUESTLIST_BIND_ADDRESS", "127.0.0.1"),
                publicUrl(env, "GUESTLIST_PUBLIC_URL"),
                text(env, "GUESTLIST_DATABASE_URL").map(Settings::jdbcUrl),
                text(env, "GUESTLIST_DATABASE_USER"),
                text(env, "GUESTLIST_DATABASE_PASSWORD"),
                dataDir(env, "GUESTLIST_DATA_DIR"),
                text(env, "GUESTLIST_ADMIN_USERNAME").map(Settings::adminUsername),
                text(env, "GUESTLIST_ADMIN_PASSWORD").map(Settings::adminPassword),
                duration(env, "GUESTLIST_INVITE_SWEEP_INTERVAL", Duration.ofHours(1)),
                integer(env, "GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE", 10, 0, MAX_RATE_LIMIT),
                integer(env, "GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE", 60, 0, MAX_RATE_LIMIT),
                integer(env, "GUESTLIST_DATABASE_POOL_SIZE", Math.max(10, cores * 4), 1, 1_000),
                integer(env, "GUESTLIST_WORKER_THREADS", Math.max(16, cores * 8), 1, 10_000),
                trustedProxies(env, "GUESTLIST_TRUSTED_PROXIES"),
                integer(env, "GUESTLIST_MANAGEMENT_PORT", DEFAULT_MANAGEMENT_PORT, 0, 65535),
                host(env, "GUESTLIST_MANAGEMENT_BIND_ADDRESS", "127.0.0.1"),
                bool(env, "GUESTLIST_ACCESS_LOG", false),
                durationOrZero(env, "GUESTLIST_DATABASE_START_TIMEOUT", DEFAULT_DATABASE_START_TIMEOUT));
        settings.checkTogether();
        return settings;
    }

    /**
     * The variables of {@code env} that look like Guestlist's ({@code GUESTLIST_...}) but that no
     * setting reads: most likely misspelt. Only for a warning; call it on an environment that
     * {@link #fromEnvironment} accepts.
     */
    public static List<String> unknownVariables(Map<String, String> env) {
        Set<String> read = new HashSet<>();
        Map<String, String> watched = new AbstractMap<>() {
            @Override
            public String get(Object key) {
                read.add(String.valueOf(key));
                return env.get(key);
            }

            @Override
            public Set<Entry<String, String>> entrySet() {
                return env.entrySet();
            }
        };
        fromEnvironment(watched);
        return env.keySet().stream()
                .filter(name -> name.startsWith("GUESTLIST_") && !read.contains(name))
                .sorted()
                .toList();
    }

    /** The checks of one setting against another, and of the data directory when it will be used. */
    private void checkTogether() {
        if (managementPort != 0 && managementPort == port) {
            throw new IllegalArgumentException("GUESTLIST_MANAGEMENT_PORT must differ from GUESTLIST_PORT (both are "
                    + port + "); 0 turns the management port off");
        }
        if (databaseUrl.isEmpty()) {
            checkDataDir(dataDir);
        }
    }

    /**
     * The embedded database's directory must be a directory, or creatable: the nearest part of the
     * path that exists must be a writable directory.
     */
    private static void checkDataDir(Path dataDir) {
        Path existing = dataDir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        boolean itself = existing.equals(dataDir.toAbsolutePath().normalize());
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException(
                    itself
                            ? "GUESTLIST_DATA_DIR must be a directory, and " + dataDir + " is a file"
                            : "GUESTLIST_DATA_DIR must be a directory that can be created, and " + existing
                                    + " is a file");
        }
        if (!Files.isWritable(existing)) {
            throw new IllegalArgumentException(
                    itself
                            ? "GUESTLIST_DATA_DIR " + dataDir + " must be writable"
                            : "GUESTLIST_DATA_DIR " + dataDir + " cannot be created: " + existing + " is not writable");
        }
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

    /** Zero allowed ({@code PT0S}: one try, no wait). */
    private static Duration durationOrZero(Map<String, String> env, String name, Duration fallback) {
        Optional<String> raw = text(env, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            Duration value = Duration.parse(raw.get());
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return value;
        } catch (DateTimeParseException notIso) {
            throw new IllegalArgumentException(
                    name + " must be an ISO-8601 duration such as PT30S, not '" + raw.get() + "'");
        }
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        Optional<String> raw = text(env, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not '" + raw.get() + "'");
        };
    }

    /** A host name or an IP literal to listen on; not looked up here (that could wait on DNS). */
    private static String host(Map<String, String> env, String name, String fallback) {
        String value = text(env, name).orElse(fallback);
        if (value.length() > 253
                || !(HOST.matcher(value).matches() || IPV6.matcher(value).matches())) {
            throw new IllegalArgumentException(
                    name + " must be an IP address or a host name such as 127.0.0.1 or 0.0.0.0, not '" + value + "'");
        }
        return value;
    }

    private static String publicUrl(Map<String, String> env, String name) {
        String value = text(env, name).orElse("http://localhost:8536").replaceAll("/+$", "");
        if (!RestSettings.isHttpUrl(value)) {
            throw new IllegalArgumentException(name + " must be an absolute http:// or https:// URL with a host"
                    + " and without query or fragment, such as https://guestlist.example, not '" + value + "'");
        }
        return value;
    }

    private static Path dataDir(Map<String, String> env, String name) {
        String value = text(env, name).orElse("./guestlist-data");
        try {
            return Path.of(value);
        } catch (InvalidPathException notAPath) {
            throw new IllegalArgumentException(name + " must be a directory path, not '" + value + "'");
        }
    }

    private static String adminUsername(String name) {
        try {
            return new Username(name).value();
        } catch (Refusal refused) {
            throw new IllegalArgumentException("GUESTLIST_ADMIN_USERNAME must be 3 to 20 letters A-Z, digits or"
                    + " underscores, not '" + name + "'");
        }
    }

    /** Never repeats the password. */
    private static String adminPassword(String password) {
        try {
            return new Password(password).value();
        } catch (Refusal refused) {
            throw new IllegalArgumentException("GUESTLIST_ADMIN_PASSWORD must have " + Password.MIN_LENGTH + " to "
                    + Password.MAX_LENGTH + " characters");
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

    /**
     * A URL that PostgreSQL's driver takes, with hosts and ports that can be read. The URL is never
     * repeated in the message: it may carry a password.
     */
    private static String jdbcUrl(String url) {
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("GUESTLIST_DATABASE_URL must be a jdbc:postgresql:// URL");
        }
        try {
            DatabaseAddress.of(url);
        } catch (IllegalArgumentException unreadable) {
            throw new IllegalArgumentException(
                    "GUESTLIST_DATABASE_URL must be a jdbc:postgresql://host:port/database URL: "
                            + unreadable.getMessage());
        }
        try {
            DriverManager.getDriver(url);
        } catch (SQLException refused) {
            throw new IllegalArgumentException(
                    "GUESTLIST_DATABASE_URL must be a jdbc:postgresql://host:port/database URL that PostgreSQL's"
                            + " driver can read");
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
                trustedProxies,
                managementPort,
                managementBindAddress,
                accessLog,
                databaseStartTimeout);
    }

    @Override
    public String toString() {
        return "Settings[port=" + port + ", bindAddress=" + bindAddress + ", publicUrl=" + publicUrl
                + ", database="
                + databaseUrl
                        .map(url -> "postgresql at " + DatabaseAddress.of(url))
                        .orElse("embedded in " + dataDir) + ", inviteSweepInterval="
                + inviteSweepInterval + ", authRateLimitPerMinute=" + authRateLimitPerMinute
                + ", validityRateLimitPerMinute=" + validityRateLimitPerMinute + ", databasePoolSize="
                + databasePoolSize + ", workerThreads=" + workerThreads + ", trustedProxies=" + trustedProxies
                + ", managementPort=" + managementPort + ", managementBindAddress=" + managementBindAddress
                + ", accessLog=" + accessLog + ", databaseStartTimeout=" + databaseStartTimeout + "]";
    }
}
