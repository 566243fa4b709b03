package guestlist.adapters.rest.json;

/** {@code GET /account/invite/validity} (Guestlist's own). */
public record InviteValidityResponse(boolean valid) {}
