package guestlist.adapters.rest.json;

import guestlist.domain.account.LocalUser;

/** {@code GET /account}: Lemmy's {@code MyUserInfo}, of which Guestlist has the {@code local_user_view}. */
public record MyUserResponse(LocalUserView localUserView) {

    public static MyUserResponse from(LocalUser user) {
        return new MyUserResponse(new LocalUserView(LocalUserJson.ownView(user), PersonJson.from(user), false));
    }

    /** Lemmy's {@code LocalUserView}. */
    public record LocalUserView(LocalUserJson localUser, PersonJson person, boolean banned) {}
}
