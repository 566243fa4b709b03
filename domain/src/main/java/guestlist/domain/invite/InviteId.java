package guestlist.domain.invite;

/** The id of an invite: a positive number that storage hands out. */
public record InviteId(long value) {

    public InviteId {
        if (value < 1) {
            throw new IllegalArgumentException("an id is positive, not " + value);
        }
    }
}
