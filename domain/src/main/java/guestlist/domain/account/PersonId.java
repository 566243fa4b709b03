package guestlist.domain.account;

/**
 * The id of a person, the public face of an account. Guestlist's persons are all local, and each
 * has the number of its local account.
 */
public record PersonId(long value) {

    public PersonId {
        if (value < 1) {
            throw new IllegalArgumentException("an id is positive, not " + value);
        }
    }

    /** The id of the local account whose person this is. */
    public LocalUserId localUser() {
        return new LocalUserId(value);
    }
}
