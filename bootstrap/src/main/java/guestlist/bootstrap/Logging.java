package guestlist.bootstrap;

/** Log format and levels of slf4j-simple, set before the first logger is made. */
final class Logging {

    private Logging() {}

    static void configure() {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setDefault("org.slf4j.simpleLogger.log.io.zonky", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
        setDefault("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.xnio", "warn");
        setDefault("org.slf4j.simpleLogger.log.io.undertow", "warn");
        setDefault("org.jboss.logging.provider", "slf4j");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
