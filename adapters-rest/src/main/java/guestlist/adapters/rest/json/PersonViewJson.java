package guestlist.adapters.rest.json;

import guestlist.application.port.in.LocalUserView;

/**
 * Lemmy's {@code PersonView}, of which Guestlist has the person, whether it is an admin, and its
 * ban at one moment.
 */
public record PersonViewJson(PersonJson person, boolean isAdmin, boolean banned, String banExpiresAt) {

    public static PersonViewJson from(LocalUserView view) {
        return new PersonViewJson(
                PersonJson.from(view.user()),
                view.user().admin(),
                view.banned(),
                view.banExpiresAt().map(Timestamps::format).orElse(null));
    }
}
