package guestlist.application.port.in;

import guestlist.domain.account.EmailAddress;
import guestlist.domain.account.Password;
import guestlist.domain.account.Username;
import java.util.Objects;
import java.util.Optional;

/**
 * A registration form whose fields have the right shape.
 *
 * @param inviteToken the invite token as given (its validity is the registration's to decide)
 */
public record RegisterCommand(
        Username username,
        Password password,
        Optional<EmailAddress> email,
        Optional<String> answer,
        Optional<String> inviteToken,
        boolean stayLoggedIn) {

    public static final int MAX_ANSWER_LENGTH = 10_000;

    public RegisterCommand {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(inviteToken, "inviteToken");
        if (answer.map(text -> text.length() > MAX_ANSWER_LENGTH).orElse(false)) {
            throw new UseCaseFailure(
                    UseCaseFailure.Reason.ANSWER_TOO_LONG,
                    "answer must be at most " + MAX_ANSWER_LENGTH + " characters");
        }
    }

    /**
     * Checks a form as typed, in this order: honeypot, user name, password, password repeated,
     * e-mail address. An empty e-mail, answer or token counts as not given.
     */
    public static RegisterCommand of(
            String username,
            String password,
            String passwordVerify,
            Optional<String> email,
            Optional<String> answer,
            Optional<String> inviteToken,
            Optional<String> honeypot,
            boolean stayLoggedIn) {
        if (honeypot.map(text -> !text.isEmpty()).orElse(false)) {
            throw new UseCaseFailure(UseCaseFailure.Reason.HONEYPOT_FILLED, "the honeypot field must be left empty");
        }
        Username name = new Username(username);
        Password chosen = Password.chosen(password, passwordVerify);
        Optional<EmailAddress> address = email.filter(text -> !text.isEmpty()).map(EmailAddress::new);
        return new RegisterCommand(
                name, chosen, address, answer, inviteToken.filter(text -> !text.isEmpty()), stayLoggedIn);
    }
}
