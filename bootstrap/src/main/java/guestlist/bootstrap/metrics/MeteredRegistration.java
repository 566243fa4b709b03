package guestlist.bootstrap.metrics;

import guestlist.application.port.in.GetSiteUseCase;
import guestlist.application.port.in.RegisterCommand;
import guestlist.application.port.in.RegisterUseCase;
import guestlist.application.port.in.RegistrationResult;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.domain.Refusal;
import guestlist.domain.site.RegistrationMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Objects;

/**
 * Registration, counted: {@code guestlist_registrations_total{mode, outcome}} and {@code
 * guestlist_invite_uses_total}. A decorator, so that the application counts nothing itself.
 *
 * <ul>
 *   <li>{@code outcome}: {@code active} (the account may log in), {@code pending} (an application
 *       waits for an admin), {@code refused} (a rule refused it: the answer is a 4xx with its code),
 *       {@code failed} (anything else: the database down, the hasher busy).</li>
 *   <li>{@code mode}: the site's registration mode, spelt as in the API. For an account made, the
 *       mode its registration was decided under; for one refused, the mode the site view shows at
 *       that moment (the one {@code GET /site} shows, at most a second old when another process
 *       changed it; the database has just answered, and the view is read from it at most once a
 *       second); for one that failed, {@code unknown}: it never reached a decision, and the site is
 *       not read, since the database may be what failed and a second wait for it would double the
 *       time to the {@code 503}.</li>
 *   <li>An invite use: a registration that gave an invite token and made an account (active or
 *       pending) took one use of it.</li>
 * </ul>
 *
 * <p>It sees what reaches the use case: a form refused for its shape before that (a name too
 * short, passwords that differ) is counted by {@code guestlist_refusals_total} only.
 */
final class MeteredRegistration implements RegisterUseCase {

    static final String UNKNOWN_MODE = "unknown";

    private final RegisterUseCase delegate;
    private final GetSiteUseCase site;
    private final MeterRegistry registry;
    private final Counter inviteUses;

    MeteredRegistration(RegisterUseCase delegate, GetSiteUseCase site, MeterRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.site = Objects.requireNonNull(site, "site");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.inviteUses = Counter.builder("guestlist.invite.uses")
                .description("Invite uses taken by registrations")
                .register(registry);
        for (RegistrationMode mode : RegistrationMode.values()) {
            for (String outcome : new String[] {"active", "pending", "refused"}) {
                counter(label(mode), outcome);
            }
        }
        counter(UNKNOWN_MODE, "failed");
    }

    @Override
    public RegistrationResult register(RegisterCommand command) {
        RegistrationResult result;
        try {
            result = delegate.register(command);
        } catch (Refusal | UseCaseFailure refused) {
            counter(modeNow(), "refused").increment();
            throw refused;
        } catch (RuntimeException failed) {
            counter(UNKNOWN_MODE, "failed").increment();
            throw failed;
        }
        counter(label(result.mode()), result.applicationCreated() ? "pending" : "active")
                .increment();
        if (command.inviteToken().isPresent()) {
            inviteUses.increment();
        }
        return result;
    }

    private String modeNow() {
        try {
            return label(site.getSite().site().registrationMode());
        } catch (RuntimeException unreadable) {
            return UNKNOWN_MODE;
        }
    }

    static String label(RegistrationMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    private Counter counter(String mode, String outcome) {
        return Counter.builder("guestlist.registrations")
                .description("Registrations that reached the use case, by the site's mode and their outcome")
                .tags("mode", mode, "outcome", outcome)
                .register(registry);
    }
}
