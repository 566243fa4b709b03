package guestlist.domain.application;

/** The id of a registration application: a positive number that storage hands out. */
public record ApplicationId(long value) {

    public ApplicationId {
        if (value < 1) {
            throw new IllegalArgumentException("an id is positive, not " + value);
        }
    }
}
