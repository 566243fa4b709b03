package guestlist.domain.account;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;

/** The reason an admin gives for a ban or a change to someone's invites: free text, bounded. */
public final class ModerationReason {

    public static final int MAX_LENGTH = 1000;

    private ModerationReason() {}

    /** Returns {@code reason}, or refuses with {@link Rule#MODERATION_REASON_LENGTH}. */
    public static String check(String reason) {
        if (reason == null || reason.length() > MAX_LENGTH) {
            throw new Refusal(
                    Rule.MODERATION_REASON_LENGTH, "reason must be given, at most " + MAX_LENGTH + " characters");
        }
        return reason;
    }
}
