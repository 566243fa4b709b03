package guestlist.application.port.in;

/**
 * A logged-in user changes its password: every session of the account ends, the one asking
 * included, and a new session is opened in its place.
 */
public interface ChangePasswordUseCase {

    /**
     * @return the new session's token, shown only this once
     * @throws UseCaseFailure {@code INCORRECT_LOGIN} when the old password is wrong;
     *                        {@code NOT_LOGGED_IN} when the asking session ended meanwhile
     */
    String changePassword(ChangePasswordCommand command);
}
