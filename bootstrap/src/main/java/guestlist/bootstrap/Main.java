package guestlist.bootstrap;

import guestlist.bootstrap.database.BackupCommands;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar guestlist.jar}: reads the environment, starts everything, and on SIGTERM or
 * Ctrl-C stops taking requests, finishes those in flight, closes the pool and the embedded
 * database, and exits 0. Any other end of the JVM still closes everything through a shutdown hook.
 * {@code java -jar guestlist.jar backup FILE} and {@code restore FILE} run {@link BackupCommands}
 * instead.
 *
 * <p>A start that fails says why in one line, {@code cannot start: ...}, naming the variable to
 * look at, and exits non-zero: 2 for a setting that cannot be understood (checked before anything
 * starts), 3 for a database that cannot be reached, 1 for anything else (an unexpected failure
 * also prints its stack trace).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        Logging.configure();
        if (args.length > 0) {
            System.exit(BackupCommands.run(List.of(args), System.getenv(), System.out));
            return;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        Settings settings;
        try {
            settings = Settings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException badSetting) {
            log.error("cannot start: {}", badSetting.getMessage());
            System.exit(StartupFailure.EXIT_BAD_SETTING);
            return;
        }
        for (String unknown : Settings.unknownVariables(System.getenv())) {
            log.warn("{} is not a setting of Guestlist and is ignored (misspelt?)", unknown);
        }
        Guestlist guestlist;
        try {
            guestlist = Guestlist.start(settings);
        } catch (RuntimeException failed) {
            Optional<StartupFailure> known = StartupFailure.in(failed);
            if (known.isPresent()) {
                // said in one line: the operator's to fix, not a bug to trace
                log.error("cannot start: {}", known.get().getMessage());
                System.exit(known.get().exitCode());
            } else {
                log.error("cannot start: {}", failed.toString(), failed);
                System.exit(StartupFailure.EXIT_FAILED);
            }
            return;
        }
        CountDownLatch stopAsked = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stopAsked.countDown());
        Signal.handle(new Signal("INT"), signal -> stopAsked.countDown());
        Runtime.getRuntime().addShutdownHook(new Thread(guestlist::close, "guestlist-shutdown"));
        awaitQuietly(stopAsked);
        // The main thread does the stopping: it keeps the JVM alive until everything is closed.
        guestlist.close();
        System.exit(0);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // only a signal ends the wait
            }
        }
    }
}
