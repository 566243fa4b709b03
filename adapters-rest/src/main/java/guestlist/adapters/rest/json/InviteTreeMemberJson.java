package guestlist.adapters.rest.json;

import guestlist.application.port.in.InviteTreeMember;

/** Guestlist's item of {@code GET /admin/invite/tree}: an account of the branch, how deep, and who invited it. */
public record InviteTreeMemberJson(LocalUserViewJson localUserView, int depth, long invitedByLocalUserId) {

    public static InviteTreeMemberJson from(InviteTreeMember member) {
        return new InviteTreeMemberJson(
                LocalUserViewJson.from(member.localUserView()),
                member.depth(),
                member.invitedBy().value());
    }
}
