package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.inmemory.InMemoryApplication;
import guestlist.application.inmemory.InMemoryStore;
import guestlist.application.port.in.LoginCommand;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Password;
import guestlist.domain.account.Username;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdminSetupServiceTest {

    private final InMemoryApplication app = new InMemoryApplication();

    @Test
    void createsAnAdminWhenNoneExists() {
        Optional<LocalUser> created =
                app.useCases().ensureAdmin().ensureAdmin(new Username("Root"), new Password("a long admin secret"));

        LocalUser admin = created.orElseThrow();
        assertThat(admin.name().value()).isEqualTo("Root");
        assertThat(admin.admin()).isTrue();
        assertThat(admin.acceptedApplication()).isTrue();
        assertThat(admin.invitedBy()).isEmpty();
        assertThat(admin.publishedAt()).isEqualTo(app.clock().instant());
        assertThat(app.useCases().getSite().getSite().admins()).containsExactly(admin);
    }

    @Test
    void createdAdminCanLogIn() {
        LocalUser admin = app.createAdmin("root", "a long admin secret");

        String session = app.useCases().login().login(new LoginCommand("root", "a long admin secret", false));

        assertThat(app.useCases().authenticate().authenticate(session)).isEqualTo(admin);
    }

    @Test
    void doesNothingWhenAnAdminExists() {
        LocalUser first = app.createAdmin("root", "a long admin secret");

        Optional<LocalUser> second =
                app.useCases().ensureAdmin().ensureAdmin(new Username("other"), new Password("another admin secret"));

        assertThat(second).isEmpty();
        assertThat(app.useCases().getSite().getSite().admins()).containsExactly(first);
        assertRefused(
                () -> app.useCases().login().login(new LoginCommand("other", "another admin secret", false)),
                Reason.INCORRECT_LOGIN);
    }

    @Test
    void runningTwiceWithTheSameNameKeepsOneAdmin() {
        app.createAdmin("root", "a long admin secret");

        assertThat(app.useCases().ensureAdmin().ensureAdmin(new Username("root"), new Password("a long admin secret")))
                .isEmpty();
        assertThat(app.useCases().getSite().getSite().admins()).hasSize(1);
    }

    @Test
    void losingTheStartRaceToAnotherProcessCreatingTheSameAdminIsFine() {
        InMemoryStore store = (InMemoryStore) app.store();
        AtomicInteger looks = new AtomicInteger();
        // Both looks before the insert find no admin, but the other process commits the same admin
        // in between: the insert meets the taken name.
        UserRepository racing = new ForwardingUsers(store.users()) {
            @Override
            public boolean anyAdmin() {
                int look = looks.incrementAndGet();
                if (look == 1) {
                    app.createAdmin("root", "a long admin secret");
                }
                return look > 2 && super.anyAdmin();
            }
        };
        AdminSetupService setup =
                new AdminSetupService(store.transactions(), store.sites(), racing, app.hasher(), app.clock());

        assertThat(setup.ensureAdmin(new Username("root"), new Password("a long admin secret")))
                .isEmpty();
        assertThat(looks).as("looked again after the insert failed").hasValue(3);
        assertThat(app.useCases().getSite().getSite().admins()).hasSize(1);
    }

    @Test
    void aNonAdminHoldingTheAdminNameStopsTheSetup() {
        app.store()
                .transactions()
                .run(() -> app.store()
                        .users()
                        .add(
                                new NewUser(
                                        new Username("root"),
                                        Optional.empty(),
                                        false,
                                        true,
                                        Optional.empty(),
                                        app.clock().instant()),
                                "hash"));

        assertRefused(
                () -> app.useCases()
                        .ensureAdmin()
                        .ensureAdmin(new Username("root"), new Password("a long admin secret")),
                Reason.USERNAME_TAKEN);
    }
}
