package guestlist.bootstrap.docs;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.testsupport.PgBouncer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The settings the README's "Running behind PgBouncer" asks for are those TwoProcessesIT and
 * PgBouncerUrlSettingsTest run with: the JDBC URL's, and the lines of its {@code ini} block.
 */
class PgBouncerSettingsInReadmeTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmeAsksForTheSettingsThePgBouncerTestsRunWith() throws Exception {
        List<String> readme = Files.readAllLines(README);
        int start = readme.indexOf("## Running behind PgBouncer");
        assertThat(start).as("the README's section").isNotNegative();
        int end = start + 1;
        while (end < readme.size() && !readme.get(end).startsWith("## ")) {
            end++;
        }
        List<String> section = readme.subList(start, end);

        List<String> ini = new ArrayList<>();
        boolean inIni = false;
        for (String line : section) {
            if (line.equals("```ini")) {
                inIni = true;
            } else if (inIni && line.equals("```")) {
                inIni = false;
            } else if (inIni) {
                ini.add(line);
            }
        }

        assertThat(String.join("\n", section)).contains("?" + PgBouncer.URL_SETTINGS);
        assertThat(ini).as("the section's ini block").containsAll(PgBouncer.INI_SETTINGS);
    }
}
