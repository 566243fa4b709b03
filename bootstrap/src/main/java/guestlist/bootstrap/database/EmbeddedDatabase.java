package guestlist.bootstrap.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server run from Maven Central's binaries, for when no database URL is
 * configured. Its files live in the data directory and survive restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDir) {
        try {
            Path pgData = dataDir.toAbsolutePath().normalize().resolve("postgres");
            Files.createDirectories(pgData);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // The library tunes for throwaway test databases; this one keeps real data.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .start();
            LOG.info("embedded PostgreSQL started on port {} with its data in {}", postgres.getPort(), pgData);
            return new EmbeddedDatabase(postgres);
        } catch (IOException failed) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir, failed);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String user() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
            LOG.info("embedded PostgreSQL stopped");
        } catch (IOException failed) {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL", failed);
        }
    }
}
