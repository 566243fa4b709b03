package guestlist.adapters.rest.json;

/** The body of {@code DELETE /account/invite}. */
public record RevokeInviteRequest(@Required String token) {}
