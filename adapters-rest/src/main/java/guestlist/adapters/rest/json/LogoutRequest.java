package guestlist.adapters.rest.json;

/** The body of {@code POST /account/auth/logout}: no fields, but like every body a JSON object (or none). */
public record LogoutRequest() {}
