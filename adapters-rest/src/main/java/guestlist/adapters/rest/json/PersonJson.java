package guestlist.adapters.rest.json;

import guestlist.domain.account.LocalUser;

/** Lemmy's {@code Person}: the public face of a local account; it shares the account's id. */
public record PersonJson(long id, String name, String publishedAt, boolean local) {

    public static PersonJson from(LocalUser user) {
        return new PersonJson(
                user.personId().value(), user.name().value(), Timestamps.format(user.publishedAt()), true);
    }
}
