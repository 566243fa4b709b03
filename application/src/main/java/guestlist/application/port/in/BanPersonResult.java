package guestlist.application.port.in;

import java.util.Objects;

/**
 * What a ban or its lifting did.
 *
 * @param target           the person's account as it stands after the action
 * @param affectedAccounts the accounts whose ban the action imposed, changed or lifted (admins in
 *                         the branch, and accounts banned on the same terms already, not counted)
 * @param revokedInvites   the invites the action deleted (none when lifting a ban)
 */
public record BanPersonResult(LocalUserView target, long affectedAccounts, long revokedInvites) {

    public BanPersonResult {
        Objects.requireNonNull(target, "target");
    }
}
