package guestlist.adapters.rest.json;

import guestlist.application.port.in.LocalUserView;

/** An answer of one account as admins see it: {@code {"local_user_view": LocalUserView}}. */
public record LocalUserViewResponse(LocalUserViewJson localUserView) {

    public static LocalUserViewResponse from(LocalUserView view) {
        return new LocalUserViewResponse(LocalUserViewJson.from(view));
    }
}
