package guestlist.bootstrap.metrics;

import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.inmemory.InMemoryApplication;
import guestlist.application.port.in.CreateInviteCommand;
import guestlist.application.port.in.GetSiteUseCase;
import guestlist.application.port.in.RegisterCommand;
import guestlist.application.port.in.RegisterUseCase;
import guestlist.application.port.out.Unavailable;
import guestlist.domain.Refusal;
import guestlist.domain.account.LocalUser;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Registrations counted by mode and outcome, and the invite uses they took, on the real services. */
class MeteredRegistrationTest {

    private final InMemoryApplication app = new InMemoryApplication();
    private final LocalUser admin = app.createAdmin("root", "the-admin-password");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RegisterUseCase register =
            new MeteredRegistration(app.useCases().register(), app.useCases().getSite(), registry);

    private void mode(RegistrationMode mode) {
        app.useCases()
                .editSite()
                .editSite(
                        admin,
                        new SiteChanges(Optional.empty(), Optional.of(mode), Optional.empty(), Optional.empty()));
    }

    private static RegisterCommand form(String name, String token, String answer) {
        return RegisterCommand.of(
                name,
                PASSWORD,
                PASSWORD,
                Optional.empty(),
                Optional.ofNullable(answer),
                Optional.ofNullable(token),
                Optional.empty(),
                false);
    }

    private String invite() {
        return app.useCases()
                .createInvite()
                .createInvite(new CreateInviteCommand(admin, Optional.empty(), Optional.empty()))
                .token()
                .value();
    }

    private double registrations(String mode, String outcome) {
        return registry.get("guestlist.registrations")
                .tags("mode", mode, "outcome", outcome)
                .counter()
                .count();
    }

    private double inviteUses() {
        return registry.get("guestlist.invite.uses").counter().count();
    }

    @Test
    void everyModeAndOutcomeIsThereFromTheStartAtZero() {
        for (String mode : new String[] {"open", "require_application", "require_invitation", "closed"}) {
            for (String outcome : new String[] {"active", "pending", "refused"}) {
                assertThat(registrations(mode, outcome))
                        .as("%s %s", mode, outcome)
                        .isZero();
            }
        }
        assertThat(registrations(MeteredRegistration.UNKNOWN_MODE, "failed")).isZero();
        assertThat(inviteUses()).isZero();
    }

    @Test
    void anAccountMadeIsCountedUnderTheModeThatDecidedIt() {
        mode(RegistrationMode.OPEN);
        register.register(form("opener", null, null));
        mode(RegistrationMode.REQUIRE_APPLICATION);
        register.register(form("applicant", null, "I knit."));
        register.register(form("invited", invite(), null));

        assertThat(registrations("open", "active")).isEqualTo(1);
        assertThat(registrations("require_application", "pending")).isEqualTo(1);
        assertThat(registrations("require_application", "active")).isEqualTo(1);
        assertThat(inviteUses()).as("only the invited registration took a use").isEqualTo(1);
    }

    @Test
    void aRefusalIsCountedUnderTheSitesModeAndTakesNoInviteUse() {
        String token = invite();
        mode(RegistrationMode.CLOSED);

        assertThatThrownBy(() -> register.register(form("shut_out", token, null)))
                .isInstanceOf(Refusal.class);
        mode(RegistrationMode.REQUIRE_INVITATION);
        assertThatThrownBy(() -> register.register(form("uninvited", null, null)))
                .isInstanceOf(Refusal.class);

        assertThat(registrations("closed", "refused")).isEqualTo(1);
        assertThat(registrations("require_invitation", "refused")).isEqualTo(1);
        assertThat(inviteUses()).isZero();
    }

    @Test
    void aFailureThatIsNoRefusalIsCountedAsFailedWithoutWaitingForTheSiteAgain() {
        AtomicInteger siteReads = new AtomicInteger();
        GetSiteUseCase site = () -> {
            siteReads.incrementAndGet();
            return app.useCases().getSite().getSite();
        };
        RegisterUseCase failing = command -> {
            throw new Unavailable("the database is down");
        };
        RegisterUseCase metered = new MeteredRegistration(failing, site, registry);

        assertThatThrownBy(() -> metered.register(form("unlucky", null, null))).isInstanceOf(Unavailable.class);

        assertThat(registrations(MeteredRegistration.UNKNOWN_MODE, "failed")).isEqualTo(1);
        assertThat(siteReads)
                .as("the database may be what failed: not asked again")
                .hasValue(0);
        assertThat(registry.find("guestlist.registrations").counters())
                .as("every other series still at zero")
                .allSatisfy(counter -> assertThat(counter.count())
                        .isEqualTo(counter.getId().getTag("outcome").equals("failed") ? 1 : 0));
    }
}
