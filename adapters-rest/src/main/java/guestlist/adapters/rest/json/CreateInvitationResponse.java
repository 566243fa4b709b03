package guestlist.adapters.rest.json;

/** {@code POST /account/invite}. */
public record CreateInvitationResponse(InviteJson invite) {}
