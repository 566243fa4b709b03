package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.moderation.ModerationEntry;
import java.util.Objects;

/** One entry of the moderation log with the accounts it names: the admin who acted and the target. */
public record ModerationLogLine(ModerationEntry entry, LocalUser admin, LocalUser target) {

    public ModerationLogLine {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(target, "target");
    }
}
