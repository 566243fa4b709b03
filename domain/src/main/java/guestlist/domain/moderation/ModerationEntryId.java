package guestlist.domain.moderation;

/** The id of an entry of the moderation log. */
public record ModerationEntryId(long value) {

    public ModerationEntryId {
        if (value < 1) {
            throw new IllegalArgumentException("a moderation entry id is positive");
        }
    }
}
