package guestlist.bootstrap;

import java.util.Optional;

/** The version of this build, as the jar's manifest states it. */
final class Version {

    private Version() {}

    static String current() {
        return Optional.ofNullable(Version.class.getPackage().getImplementationVersion())
                .orElse("0.1.0-dev");
    }
}
