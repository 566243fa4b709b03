package guestlist.application.port.in;

/** Whether a token names an invite usable right now. Reveals nothing else. */
public interface CheckInviteValidityUseCase {

    boolean isValid(String token);
}
