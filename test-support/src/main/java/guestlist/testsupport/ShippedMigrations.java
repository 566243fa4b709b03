package guestlist.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How many Flyway migrations the build ships ({@code db/migration/V<n>__*.sql} on the class path,
 * from a folder or from the PostgreSQL adapter's jar), so that tests of a fresh schema need no
 * count written by hand that each new migration would have to change.
 */
public final class ShippedMigrations {

    private static final String FOLDER = "db/migration";

    private ShippedMigrations() {}

    public static int count() {
        URL found = ShippedMigrations.class.getClassLoader().getResource(FOLDER);
        if (found == null) {
            throw new IllegalStateException(FOLDER + " is not on the class path");
        }
        try {
            URI uri = found.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return count(jar.getPath(FOLDER));
                }
            }
            return count(Path.of(uri));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("the migrations cannot be listed", e);
        }
    }

    private static int count(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.filter(file -> file.getFileName().toString().matches("V[0-9]+__.*\\.sql"))
                    .count();
        }
    }
}
