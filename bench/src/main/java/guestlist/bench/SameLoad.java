package guestlist.bench;

import guestlist.bench.reference.Measurement;
import guestlist.bench.result.Row;
import guestlist.bench.system.Load;
import guestlist.bench.system.Server;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scenario's own load as its reference, measured right before and right after the scenario (a
 * {@link Reference.Measured}), under other conditions: the invite quotas off for the quota rows
 * (the scenario runs with them on), no branch ban for the registrations during one. A change of
 * the machine's load during the three then shows as a spread of the reference in the notes, not as
 * a false ratio. Each measurement sets its conditions, warms up, measures, lets the server drain,
 * and sets the scenario's conditions again.
 */
final class SameLoad implements Measurement {

    private static final AtomicInteger LOADS = new AtomicInteger();

    /** Something done to the data before or after a measurement. */
    @FunctionalInterface
    interface Setting {

        Setting NONE = () -> {};

        void apply() throws Exception;
    }

    private final String name;
    private final String remark;
    private final Load.Spec spec;
    private final Server.Running server;
    private final Load load;
    private final double warmupSeconds;
    private final double seconds;
    private final Setting before;
    private final Setting after;

    /**
     * @param name   its rows' name
     * @param remark what its line in the notes adds, with a leading space
     * @param before sets the reference's conditions
     * @param after  sets the scenario's conditions again, also when the measurement failed
     */
    SameLoad(
            String name,
            String remark,
            Load.Spec spec,
            Server.Running server,
            Load load,
            double warmupSeconds,
            double seconds,
            Setting before,
            Setting after) {
        this.name = name;
        this.remark = remark;
        this.spec = spec;
        this.server = server;
        this.load = load;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
        this.before = before;
        this.after = after;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Row measure() throws Exception {
        before.apply();
        try {
            String base = server.url("");
            if (warmupSeconds > 0) {
                load.run(base, spec, prefix(), warmupSeconds);
            }
            Row row = load.run(base, spec, prefix(), seconds).toRow(name);
            Run.drain(server);
            return row;
        } finally {
            after.apply();
        }
    }

    @Override
    public String remark() {
        return remark;
    }

    /** {@code q}, the load's number and {@code _}: unique within the run, apart from the scenarios' {@code b...}. */
    private static String prefix() {
        return "q" + LOADS.getAndIncrement() + "_";
    }
}
