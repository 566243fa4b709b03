package guestlist.application.service;

import static guestlist.testsupport.Credentials.ADMIN_NAME;
import static guestlist.testsupport.Credentials.ADMIN_PASSWORD;
import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.inmemory.InMemoryApplication;
import guestlist.application.inmemory.InMemoryStore;
import guestlist.application.inmemory.MutableClock;
import guestlist.application.port.in.CreateInviteCommand;
import guestlist.application.port.in.LoginCommand;
import guestlist.application.port.in.RegisterCommand;
import guestlist.application.port.in.RegistrationResult;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.out.Unavailable;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.application.RegistrationApplication;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A fresh in-memory Guestlist with its first admin, and the steps the service tests share. Every
 * step goes through the use cases; only the {@code stored...} look-ups read the store directly,
 * to see what a use case wrote.
 */
final class Guestlist {

    final InMemoryStore store = new InMemoryStore();
    final MutableClock clock = MutableClock.startingNow();
    final InMemoryApplication app = new InMemoryApplication(store, clock);
    final LocalUser admin = app.createAdmin(ADMIN_NAME, ADMIN_PASSWORD);

    // --- site -----------------------------------------------------------------------------------

    LocalSite mode(RegistrationMode mode) {
        return app.useCases()
                .editSite()
                .editSite(
                        admin,
                        new SiteChanges(Optional.empty(), Optional.of(mode), Optional.empty(), Optional.empty()));
    }

    LocalSite cap(int maxInvitesPerUser) {
        return app.useCases()
                .editSite()
                .editSite(
                        admin,
                        new SiteChanges(
                                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(maxInvitesPerUser)));
    }

    /** Changes the site's settings as the admin: {@code settings(SiteChanges.none().withInvitesPerUserPerDay(3))}. */
    LocalSite settings(SiteChanges changes) {
        return app.useCases().editSite().editSite(admin, changes);
    }

    RegistrationMode currentMode() {
        return app.useCases().getSite().getSite().site().registrationMode();
    }

    // --- accounts -------------------------------------------------------------------------------

    static Form form(String username) {
        return new Form(username);
    }

    RegistrationResult register(Form form) {
        return app.useCases().register().register(form.command());
    }

    /** An accepted member with a session, registered while the site was briefly open. */
    LocalUser member(String name) {
        return authenticate(memberSession(name));
    }

    /** The session token of a new accepted member, registered while the site was briefly open. */
    String memberSession(String name) {
        RegistrationMode before = currentMode();
        mode(RegistrationMode.OPEN);
        try {
            return register(form(name)).sessionToken().orElseThrow();
        } finally {
            mode(before);
        }
    }

    /** An account whose application waits for an admin; returns its stored account. */
    LocalUser applicant(String name, String answer) {
        RegistrationMode before = currentMode();
        mode(RegistrationMode.REQUIRE_APPLICATION);
        try {
            RegistrationResult result = register(form(name).answer(answer));
            assertThat(result.applicationCreated()).isTrue();
            return storedUser(name).orElseThrow();
        } finally {
            mode(before);
        }
    }

    String login(String usernameOrEmail, String password) {
        return app.useCases().login().login(new LoginCommand(usernameOrEmail, password, false));
    }

    LocalUser authenticate(String sessionToken) {
        return app.useCases().authenticate().authenticate(sessionToken);
    }

    /** Opens the site and registers Alice (e-mail {@code Alice@Example.org}); her account as a session shows it. */
    LocalUser aliceOnAnOpenSite() {
        mode(RegistrationMode.OPEN);
        String session = register(form("Alice").email("Alice@Example.org"))
                .sessionToken()
                .orElseThrow();
        return authenticate(session);
    }

    // --- invites --------------------------------------------------------------------------------

    /** Whether the validity check (the use case, not a look at the store) calls {@code invite} usable now. */
    boolean isValid(Invite invite) {
        return app.useCases().checkInviteValidity().isValid(invite.token().value());
    }

    Invite invite(LocalUser creator) {
        return app.useCases()
                .createInvite()
                .createInvite(new CreateInviteCommand(creator, Optional.empty(), Optional.empty()));
    }

    Invite invite(LocalUser creator, Optional<Integer> maxUses, Optional<Instant> expiresAt) {
        return app.useCases().createInvite().createInvite(new CreateInviteCommand(creator, maxUses, expiresAt));
    }

    Invite invite(LocalUser creator, String comment) {
        return app.useCases()
                .createInvite()
                .createInvite(
                        new CreateInviteCommand(creator, Optional.empty(), Optional.empty(), Optional.of(comment)));
    }

    void revoke(LocalUser actor, Invite invite) {
        app.useCases().revokeInvite().revokeInvite(actor, invite.token().value());
    }

    // --- what the store holds -------------------------------------------------------------------

    Optional<Invite> storedInvite(InviteToken token) {
        return store.transactions().inTransaction(() -> store.invites().findByToken(token));
    }

    Optional<LocalUser> storedUser(String name) {
        return store.transactions()
                .inTransaction(() -> store.users().findCredentials(name))
                .map(credentials -> credentials.user());
    }

    /** How many invites the store remembers {@code creator} adding in the last 24 hours, gone or not. */
    long storedAddedInTheLastDay(LocalUser creator) {
        return storedAddedSince(creator, clock.instant().minus(LocalSite.QUOTA_WINDOW));
    }

    /**
     * How many invites the store remembers {@code creator} adding after {@code since}, gone or not:
     * the additions, latest first, as long as they are after it.
     */
    long storedAddedSince(LocalUser creator, Instant since) {
        return store.transactions().inTransaction(() -> {
            int n = 0;
            while (store.invites()
                    .nthLatestAddition(creator.id(), n + 1)
                    .filter(at -> at.isAfter(since))
                    .isPresent()) {
                n++;
            }
            return (long) n;
        });
    }

    /** How many sign-ups through invites the store remembers in the last 24 hours. */
    long storedSignupsInTheLastDay() {
        Instant since = clock.instant().minus(LocalSite.QUOTA_WINDOW);
        return store.transactions().inTransaction(() -> store.invites().lockSignupsSince(since));
    }

    Optional<RegistrationApplication> storedApplication(LocalUserId userId) {
        return store.transactions().inTransaction(() -> store.applications().findByUserId(userId));
    }

    // --- assertions -----------------------------------------------------------------------------

    static void assertRefused(ThrowingCallable action, Rule rule) {
        assertThatThrownBy(action)
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(rule));
    }

    static void assertRefused(ThrowingCallable action, UseCaseFailure.Reason reason) {
        assertThatThrownBy(action)
                .isInstanceOfSatisfying(
                        UseCaseFailure.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    static void assertUnavailable(ThrowingCallable action) {
        assertThatThrownBy(action).isInstanceOf(Unavailable.class);
    }

    /** A registration form as typed; everything optional starts out absent. */
    static final class Form {

        private String username;
        private String password = PASSWORD;
        private String passwordVerify = PASSWORD;
        private Optional<String> email = Optional.empty();
        private Optional<String> answer = Optional.empty();
        private Optional<String> token = Optional.empty();
        private Optional<String> honeypot = Optional.empty();
        private boolean stayLoggedIn;

        private Form(String username) {
            this.username = username;
        }

        Form username(String value) {
            this.username = value;
            return this;
        }

        Form password(String value) {
            this.password = value;
            this.passwordVerify = value;
            return this;
        }

        Form passwordVerify(String value) {
            this.passwordVerify = value;
            return this;
        }

        Form email(String value) {
            this.email = Optional.of(value);
            return this;
        }

        Form answer(String value) {
            this.answer = Optional.of(value);
            return this;
        }

        Form token(String value) {
            this.token = Optional.of(value);
            return this;
        }

        Form token(Invite invite) {
            return token(invite.token().value());
        }

        Form honeypot(String value) {
            this.honeypot = Optional.of(value);
            return this;
        }

        Form stayLoggedIn() {
            this.stayLoggedIn = true;
            return this;
        }

        RegisterCommand command() {
            return RegisterCommand.of(username, password, passwordVerify, email, answer, token, honeypot, stayLoggedIn);
        }
    }
}
