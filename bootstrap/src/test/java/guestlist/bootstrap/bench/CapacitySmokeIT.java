package guestlist.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The capacity plan's measurement ({@code bench/run.sh --capacity}) at a tiny size against the jar
 * just built, so that it cannot rot: it seeds every table the plan counts and prints a row for each
 * table of the schema. The figures are not asserted: at this size they mean nothing.
 */
class CapacitySmokeIT {

    private static final Path JAR = Path.of("target", "guestlist.jar").toAbsolutePath();
    private static final Path RUN =
            Path.of("..", "bench", "run.sh").toAbsolutePath().normalize();

    @Test
    void theCapacityTableHasARowForEveryTableWithTheSeededRows() throws Exception {
        assertThat(JAR).as("built by the package phase").exists();
        Path output = Files.createTempFile("guestlist-capacity-smoke-", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", RUN.toString(), "--capacity", "--accounts=300")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GUESTLIST_") || name.startsWith("BENCH_"));
        builder.environment().put("BENCH_JAR", JAR.toString());
        builder.environment()
                .put("BENCH_JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        Process process = builder.start();
        boolean ended = process.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroyForcibly();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(ended).as("ended within 3 minutes; output:%n%s", log).isTrue();
        assertThat(process.exitValue()).as("exit status; output:%n%s", log).isZero();

        Map<String, Long> rows = log.lines()
                .filter(line -> line.startsWith("| `"))
                .map(line -> line.split("\\|", -1))
                .collect(Collectors.toMap(
                        cells -> cells[1].trim().replace("`", ""),
                        cells -> Long.parseLong(cells[2].trim().replace(",", ""))));
        assertThat(rows)
                .as("every table but Flyway's history")
                .containsKeys("local_site", "rate_limit_bucket", "local_user")
                .doesNotContainKey("flyway_schema_history");
        for (String seeded : List.of(
                "local_user",
                "local_user_invite",
                "invite_branch",
                "login_token",
                "registration_application",
                "invite_creation",
                "invite_signup",
                "moderation_log")) {
            assertThat(rows.get(seeded)).as("rows of %s", seeded).isPositive();
        }
        assertThat(log).contains("| **all** |");
    }
}
