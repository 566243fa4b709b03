package guestlist.adapters.rest.json;

import guestlist.domain.invite.InviteToken;
import java.util.Objects;

/** Invite links: {@code {public_url}/signup?token={token}}, computed on output, never stored. */
public final class InviteLinks {

    private final String base;

    /** @param publicUrl the server's public base URL; trailing slashes are ignored */
    public InviteLinks(String publicUrl) {
        Objects.requireNonNull(publicUrl, "publicUrl");
        this.base = publicUrl.replaceAll("/+$", "") + "/signup?token=";
    }

    /** The token is URL-safe base64 already, so it goes in as it is. */
    public String linkTo(InviteToken token) {
        return base + token.value();
    }
}
