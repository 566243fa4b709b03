package guestlist.adapters.rest.json;

import guestlist.application.port.in.GetMyUserUseCase.MyUser;

/**
 * {@code GET /account}: Lemmy's {@code MyUserInfo}, of which Guestlist has the {@code local_user_view};
 * plus Guestlist's {@code invited_by} (the person whose invite the account joined through, absent
 * when none or when that account is gone) and {@code invite_allowance}.
 */
public record MyUserResponse(
        LocalUserViewJson localUserView, PersonJson invitedBy, InviteAllowanceJson inviteAllowance) {

    public static MyUserResponse from(MyUser mine) {
        return new MyUserResponse(
                LocalUserViewJson.own(mine.user()),
                mine.inviter().map(PersonJson::from).orElse(null),
                InviteAllowanceJson.from(mine.allowance()));
    }
}
