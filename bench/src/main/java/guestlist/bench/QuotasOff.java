package guestlist.bench;

import guestlist.bench.reference.Measurement;
import guestlist.bench.result.Row;
import guestlist.bench.system.Database;
import guestlist.bench.system.Load;
import guestlist.bench.system.Server;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reference of a quota row: the same load as the scenario with the invite quotas off, measured
 * right before and right after the scenario, which runs with them on (so that a change of the
 * machine's load during the three shows in the spread of the reference, not as a false ratio).
 * Each measurement turns the quotas off, warms up, measures, lets the server drain, and turns them
 * on again for the scenario.
 */
final class QuotasOff implements Measurement {

    private static final AtomicInteger LOADS = new AtomicInteger();

    private final String name;
    private final Load.Spec spec;
    private final Database database;
    private final Server.Running server;
    private final Load load;
    private final double warmupSeconds;
    private final double seconds;

    QuotasOff(
            String scenario,
            Load.Spec spec,
            Database database,
            Server.Running server,
            Load load,
            double warmupSeconds,
            double seconds) {
        this.name = "ref: " + scenario + ", quotas off (before and after)";
        this.spec = spec;
        this.database = database;
        this.server = server;
        this.load = load;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Row measure() throws Exception {
        database.execute(Plan.QUOTAS_OFF_SQL);
        try {
            String base = server.url("");
            if (warmupSeconds > 0) {
                load.run(base, spec, prefix(), warmupSeconds);
            }
            Row row = load.run(base, spec, prefix(), seconds).toRow(name);
            Run.drain(server);
            return row;
        } finally {
            database.execute(Plan.QUOTAS_ON_SQL);
        }
    }

    @Override
    public String remark() {
        return " (the quota rows' reference: quotas off right before and right after the row)";
    }

    /** {@code q}, the load's number and {@code _}: unique within the run, apart from the scenarios' {@code b...}. */
    private static String prefix() {
        return "q" + LOADS.getAndIncrement() + "_";
    }
}
