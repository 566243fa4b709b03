package guestlist.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar guestlist.jar}: reads the environment, starts everything, and on SIGTERM or
 * Ctrl-C stops taking requests, finishes those in flight, closes the pool and the embedded
 * database, and exits 0.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Logging.configure();
        Logger log = LoggerFactory.getLogger(Main.class);
        Settings settings;
        try {
            settings = Settings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException badSetting) {
            log.error("cannot start: {}", badSetting.getMessage());
            System.exit(2);
            return;
        }
        Guestlist guestlist;
        try {
            guestlist = Guestlist.start(settings);
        } catch (RuntimeException failed) {
            log.error("cannot start: {}", failed.toString(), failed);
            System.exit(1);
            return;
        }
        Signal.handle(new Signal("TERM"), signal -> stopAndExit(guestlist));
        Signal.handle(new Signal("INT"), signal -> stopAndExit(guestlist));
        Runtime.getRuntime().addShutdownHook(new Thread(guestlist::close, "guestlist-shutdown"));
    }

    /** An asked-for stop is a clean one: everything closed, exit status 0. */
    private static void stopAndExit(Guestlist guestlist) {
        guestlist.close();
        System.exit(0);
    }
}
