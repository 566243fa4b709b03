package guestlist.bench;

import guestlist.bench.system.Database;
import guestlist.bench.system.Log;
import guestlist.bench.system.Machine;
import guestlist.bench.system.Server;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second Guestlist process on the same database sweeping the expired invites on its own schedule
 * ({@code GUESTLIST_INVITE_SWEEP_INTERVAL}), while a scenario runs against the server under test.
 * It begins when the sweep's DELETE runs and ends when no expired invite is left; the notes say
 * how much of the measured window the sweep covered.
 */
final class Sweep implements Scenario.Background {

    private final Server server;
    private final Database database;
    private final long rows;
    private final int delaySeconds;

    /**
     * @param rows         the expired invites it deletes (for the note)
     * @param delaySeconds its first sweep's delay: long enough for the process to be up before it,
     *                     so that its start is not measured
     */
    Sweep(Server server, Database database, long rows, int delaySeconds) {
        this.server = server;
        this.database = database;
        this.rows = rows;
        this.delaySeconds = delaySeconds;
    }

    @Override
    public Ending begin() throws Exception {
        Server.Running sweeper = server.start(
                "guestlist-sweeper",
                Machine.freePort(),
                2,
                Map.of("GUESTLIST_INVITE_SWEEP_INTERVAL", "PT" + delaySeconds + "S"),
                List.of());
        long started;
        try {
            sweeper.awaitHealthy();
            started = awaitStart(sweeper, Duration.ofSeconds(delaySeconds + 30L));
        } catch (Exception failed) {
            sweeper.close();
            throw failed;
        }
        return results -> {
            try {
                long windowEnd = System.nanoTime();
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while (database.queryLong("SELECT count(*) FROM local_user_invite WHERE expires_at <= now()") > 0
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                double sweepSeconds = (System.nanoTime() - started) / 1e9;
                String line = sweeper.process().awaitLine("invite sweep deleted", Duration.ofSeconds(30));
                double window = (windowEnd - started) / 1e9;
                results.note(String.format(
                        Locale.ROOT,
                        "sweep: the second process deleted %,d expired invites in"
                                + " %.1f s (batches of 1,000); the measured registration window was %.1f s, %s",
                        rows,
                        sweepSeconds,
                        window,
                        sweepSeconds >= window
                                ? "all of it during the sweep"
                                : String.format(
                                        Locale.ROOT, "%.0f %% of it during the sweep", 100 * sweepSeconds / window)));
                Log.line("sweeper: %s", line.replaceAll("^.* - ", ""));
            } finally {
                sweeper.close();
            }
        };
    }

    /**
     * Polls pg_stat_activity until the sweep's DELETE runs (or the sweeper's log says a sweep
     * already ended: a small sweep can be over between two polls); returns System.nanoTime() then.
     */
    private long awaitStart(Server.Running sweeper, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (database.queryLong("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                                    + " AND query LIKE '%WITH doomed%' AND pid <> pg_backend_pid()")
                            > 0
                    || sweeper.process().logContains("invite sweep deleted")) {
                return System.nanoTime();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the sweep did not start within " + timeout);
    }
}
