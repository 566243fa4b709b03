package guestlist.adapters.rest.json;

import guestlist.application.port.in.BanPersonResult;

/**
 * {@code POST /admin/ban}: Lemmy's {@code PersonResponse} ({@code person_view}) with {@code banned}
 * as Lemmy's earlier {@code BanPersonResponse} had it, and Guestlist's counts of what the action
 * did.
 */
public record BanPersonResponse(PersonViewJson personView, boolean banned, long affectedAccounts, long revokedInvites) {

    public static BanPersonResponse from(BanPersonResult result) {
        return new BanPersonResponse(
                PersonViewJson.from(result.target()),
                result.target().banned(),
                result.affectedAccounts(),
                result.revokedInvites());
    }
}
