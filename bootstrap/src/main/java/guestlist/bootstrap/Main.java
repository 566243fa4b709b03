package guestlist.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar guestlist.jar}: reads the environment, starts everything, and stops it all in
 * reverse order on SIGTERM or Ctrl-C.
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
        Runtime.getRuntime().addShutdownHook(new Thread(guestlist::close, "guestlist-shutdown"));
    }
}
