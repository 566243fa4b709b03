package guestlist.application.archfixture;

import guestlist.bootstrap.Settings;

/** A deliberately bad class: application code that reads bootstrap's settings. Only the architecture test uses it. */
public final class ApplicationUsingBootstrap {

    public int port(Settings settings) {
        return settings.port();
    }
}
