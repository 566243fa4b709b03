package guestlist.domain.account;

/** The id of a local account: a positive number that storage hands out. */
public record LocalUserId(long value) {

    public LocalUserId {
        if (value < 1) {
            throw new IllegalArgumentException("an id is positive, not " + value);
        }
    }

    /** The id of this account's person, its public face: the same number. */
    public PersonId person() {
        return new PersonId(value);
    }
}
