package guestlist.application.port.out;

import guestlist.application.port.in.UseCaseFailure;
import guestlist.domain.account.EmailAddress;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import guestlist.domain.paging.PagePosition;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Local accounts and their password hashes. Names and e-mail addresses are unique ignoring case. */
public interface UserRepository {

    /**
     * Stores a new account. A name or address already taken (ignoring case), also by a concurrent
     * transaction, is refused with a {@link UseCaseFailure} of
     * {@code USERNAME_TAKEN} or {@code EMAIL_TAKEN}.
     */
    LocalUser add(NewUser user, String passwordHash);

    Optional<LocalUser> findById(LocalUserId id);

    /** The accounts of these ids that exist, in no particular order. */
    List<LocalUser> findAllById(Collection<LocalUserId> ids);

    /**
     * Reads an account and locks it until the transaction ends, so that one user's invite
     * creations run one after another in every process sharing the database.
     */
    Optional<LocalUser> lockById(LocalUserId id);

    /** The account whose name, or e-mail address when the text holds an '@', matches ignoring case. */
    Optional<StoredCredentials> findCredentials(String usernameOrEmail);

    boolean nameTaken(Username name);

    boolean emailTaken(EmailAddress email);

    /** Whether any admin exists. */
    boolean anyAdmin();

    /** The admins, oldest account first. */
    List<LocalUser> admins();

    void setAcceptedApplication(LocalUserId userId, boolean accepted);

    /** The hash of the account's password; empty when there is no such account. */
    Optional<String> findPasswordHash(LocalUserId id);

    /** Replaces the hash of the account's password. */
    void setPasswordHash(LocalUserId userId, String passwordHash);

    /**
     * Accounts in id order (newest first or oldest first), only those after {@code after} when
     * given, at most {@code limit}.
     *
     * @param now when "banned" is judged, for {@link UserFilter#bannedOnly()}
     */
    List<LocalUser> list(UserFilter filter, Instant now, Optional<PagePosition> after, int limit);

    /**
     * Which accounts a listing shows.
     *
     * @param bannedOnly  only accounts a ban holds on
     * @param newestFirst newest first, else oldest first
     * @param invitedBy   only the direct invitees of this account
     */
    record UserFilter(boolean bannedOnly, boolean newestFirst, Optional<LocalUserId> invitedBy) {}

    /** An account with the hash of its password, for log-in. */
    record StoredCredentials(LocalUser user, String passwordHash) {}
}
