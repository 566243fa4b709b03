package guestlist.application.port.out;

/** Slow salted password hashing. Implementations may block; never call them on an I/O thread. */
public interface PasswordHasher {

    String hash(String password);

    boolean matches(String password, String hash);
}
