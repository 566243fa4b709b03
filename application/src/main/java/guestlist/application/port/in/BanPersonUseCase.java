package guestlist.application.port.in;

/**
 * Admins ban a person, or lift its ban; with {@code includeInvitees}, every account of its invite
 * branch too. A ban ends the sessions and deletes the invites of every account it reaches;
 * lifting it gives back neither. Admins are never banned.
 */
public interface BanPersonUseCase {

    /**
     * @throws UseCaseFailure {@code NO_SUCH_ACCOUNT} when no account has the person's id
     */
    BanPersonResult banPerson(BanPersonCommand command);
}
