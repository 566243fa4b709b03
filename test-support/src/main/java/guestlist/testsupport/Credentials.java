package guestlist.testsupport;

/**
 * The sample credentials of every module's tests: the admin a test server creates, the password of
 * the members tests make up, their names and e-mail addresses. One set, so that what a set-up
 * configures and what a test logs in with cannot drift apart.
 */
public final class Credentials {

    /** The admin every test server (in memory, in-process, or the jar as a process) creates at its first start. */
    public static final String ADMIN_NAME = "root";

    public static final String ADMIN_PASSWORD = "the-admin-password";

    /** The password of every member a test registers: valid (10 to 60 characters), and typed as people type. */
    public static final String PASSWORD = "correct horse battery";

    private Credentials() {}

    /** A valid user name for the {@code n}th member a test makes up: {@code member7}. */
    public static String memberName(long n) {
        return "member" + n;
    }

    /** A valid user name for the {@code n}th admin a test makes up: {@code admin7}. */
    public static String adminName(long n) {
        return "admin" + n;
    }

    /** The e-mail address of a user name, at the reserved domain {@code example.com} (RFC 2606). */
    public static String email(String name) {
        return name + "@example.com";
    }
}
