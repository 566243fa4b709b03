package guestlist.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The benchmark ({@code bench/run.sh}) in its smoke mode against the jar just built, so that it
 * cannot rot: every scenario and reference must run, with requests and without errors, and the
 * table must be printed. Nothing is asserted about the figures: on a shared machine they mean
 * nothing at these sizes. Smoke mode installs nothing; without wrk it uses its Java load
 * generator, without pgbench it leaves the database reference out.
 */
class BenchSmokeIT {

    private static final Path JAR = Path.of("target", "guestlist.jar").toAbsolutePath();
    private static final Path RUN =
            Path.of("..", "bench", "run.sh").toAbsolutePath().normalize();

    @Test
    void everyScenarioRunsWithoutErrorsAndTheTableIsPrinted() throws Exception {
        assertThat(JAR).as("built by the package phase").exists();
        assertThat(RUN).exists();
        Path output = Files.createTempFile("guestlist-bench-smoke-", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", RUN.toString(), "--smoke")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GUESTLIST_") || name.startsWith("BENCH_"));
        builder.environment().put("BENCH_JAR", JAR.toString());
        builder.environment()
                .put("BENCH_JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        Process process = builder.start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(log);
        assertThat(ended).as("the smoke run ended within 5 minutes").isTrue();
        assertThat(process.exitValue())
                .as("exit status of bench/run.sh --smoke; output:\n" + log)
                .isZero();
        assertThat(log).contains("| scenario").contains("BENCH OK");

        List<String> rows = log.lines()
                .filter(line -> line.startsWith("| ") && !line.startsWith("| scenario") && !line.startsWith("| :"))
                .toList();
        assertThat(rows)
                .as("table rows")
                .anySatisfy(row -> assertThat(row).contains("register with an invite"))
                .anySatisfy(row -> assertThat(row).contains("log in"))
                .anySatisfy(row -> assertThat(row).contains("create invite"))
                .anySatisfy(row -> assertThat(row).contains("register with an invite, quotas on"))
                .anySatisfy(row -> assertThat(row).contains("create invite, quotas on"))
                .anySatisfy(row -> assertThat(row).contains("list invites, first page"))
                .anySatisfy(row -> assertThat(row).contains("list invites, deep page"))
                .anySatisfy(row -> assertThat(row).contains("invite validity, rate limit on"))
                .anySatisfy(row -> assertThat(row).contains("GET /site anonymous"))
                .anySatisfy(row -> assertThat(row).contains("invite list at 50/s, no log-in flood (baseline)"))
                .anySatisfy(row -> assertThat(row)
                        .contains("invite list at 50/s during a flood of 200 log-ins")
                        .contains("p99 without flood")
                        .contains("<= 3.00"))
                .anySatisfy(row -> assertThat(row)
                        .contains("log in during a flood of 200")
                        .contains("hash-bound limit")
                        .contains(">= 0.80"))
                .anySatisfy(row -> assertThat(row).contains("register during the invite sweep"))
                .anySatisfy(row -> assertThat(row).contains("invite tree, first page"))
                .anySatisfy(row -> assertThat(row).contains("invite tree, deep page"))
                .anySatisfy(row -> assertThat(row).contains("ancestry, first page"))
                .anySatisfy(row -> assertThat(row).contains("ancestry, deep page"))
                .anySatisfy(row -> assertThat(row).contains("POST /admin/ban, branch of"))
                .anySatisfy(row -> assertThat(row).contains("register during the branch ban"))
                .anySatisfy(row -> assertThat(row).contains("page /signup, time to interactive"))
                .anySatisfy(row -> assertThat(row).contains("page /admin, time to interactive"))
                .anySatisfy(row -> assertThat(row).contains("page /admin, HTML + CSS + JS"))
                .anySatisfy(row -> assertThat(row).contains("start to healthy, external db"))
                .anySatisfy(row -> assertThat(row)
                        .contains("first start to healthy, embedded default")
                        .contains("4000 ms"))
                .anySatisfy(row -> assertThat(row)
                        .contains("restart to healthy, embedded default")
                        .contains("2000 ms"))
                .anySatisfy(row -> assertThat(row)
                        .contains("register with an invite, -Xmx128m")
                        .contains("-Xmx256m")
                        .contains(">= 0.95"))
                .anySatisfy(row -> assertThat(row).contains("GET /site anonymous, -Xmx128m"))
                .anySatisfy(row -> assertThat(row).contains("peak RSS"))
                .anySatisfy(row -> assertThat(row).contains("ref: Argon2id"))
                .anySatisfy(row -> assertThat(row).contains("ref: bare Undertow"));
        // the libsodium reference runs where its program can be compiled (.ci/run installs what it needs)
        if (Files.exists(Path.of("/usr/include/sodium.h"))) {
            assertThat(rows)
                    .anySatisfy(row -> assertThat(row)
                            .contains("Argon2id hashes/s, Guestlist's hasher")
                            .contains("libsodium Argon2id")
                            .contains(">= 0.75"))
                    .anySatisfy(row -> assertThat(row).contains("ref: libsodium Argon2id"));
        } else {
            assertThat(log).contains("libsodium reference not measured");
        }
        for (String row : rows) {
            String[] cells = row.split("\\|", -1);
            String errors = cells[5].trim();
            if (!errors.isEmpty()) {
                assertThat(errors).as("errors of " + cells[1].trim()).isEqualTo("0");
            }
        }
        Files.deleteIfExists(output);
    }
}
