package guestlist.adapters.rest.json;

import guestlist.domain.account.LocalUser;

/** {@code GET /account}: Lemmy's {@code MyUserInfo}, of which Guestlist has the {@code local_user_view}. */
public record MyUserResponse(LocalUserViewJson localUserView) {

    public static MyUserResponse from(LocalUser user) {
        return new MyUserResponse(LocalUserViewJson.own(user));
    }
}
