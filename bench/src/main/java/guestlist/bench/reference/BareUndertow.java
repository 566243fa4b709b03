package guestlist.bench.reference;

import guestlist.bench.result.Row;
import guestlist.bench.system.Load;
import guestlist.bench.system.Machine;
import guestlist.bench.system.Proc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reference (c): the load of a scenario against a bare Undertow ({@link BareServer}, a JVM of its
 * own) answering a fixed JSON body with Guestlist's thread settings and thread hops. The process is
 * started by the first measurement and stopped by {@link #close}.
 */
public final class BareUndertow implements Measurement, AutoCloseable {

    /** The process and its port, while it runs. */
    private record Running(Proc process, int port) {}

    private final AtomicReference<Running> running = new AtomicReference<>();
    private final String xmx;
    private final int workers;
    private final Load load;
    private final double seconds;
    private final double warmupSeconds;
    private final Path work;

    /** @param workers worker threads, as many as the server under test has */
    public BareUndertow(String xmx, int workers, Load load, double seconds, double warmupSeconds, Path work) {
        this.xmx = xmx;
        this.workers = workers;
        this.load = load;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.work = work;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "ref: bare Undertow, fixed JSON (%d workers)", workers);
    }

    @Override
    public Row measure() throws Exception {
        String base = "http://127.0.0.1:" + started().port();
        Load.Spec spec = Load.Spec.get("/");
        if (warmupSeconds > 0) {
            load.run(base, spec, "b", Math.min(warmupSeconds, seconds));
        }
        return load.run(base, spec, "b", seconds).toRow(name());
    }

    private Running started() throws Exception {
        Running now = running.get();
        if (now != null) {
            return now;
        }
        int port = Machine.freePort();
        List<String> command = List.of(
                Proc.java(),
                "-Xmx" + xmx,
                "-cp",
                System.getProperty("java.class.path"),
                BareServer.class.getName(),
                Integer.toString(port),
                Integer.toString(workers));
        Proc process = Proc.start(command, Map.of(), work.resolve("bare-undertow.log"));
        try {
            process.awaitLine("BARE listening", Duration.ofSeconds(60));
        } catch (Exception failed) {
            process.close();
            throw failed;
        }
        running.set(new Running(process, port));
        return running.get();
    }

    /** Stops the process, if it runs. */
    @Override
    public void close() {
        Optional.ofNullable(running.getAndSet(null))
                .ifPresent(stopped -> stopped.process().close());
    }
}
