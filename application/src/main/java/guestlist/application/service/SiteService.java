package guestlist.application.service;

import guestlist.application.port.in.EditSiteUseCase;
import guestlist.application.port.in.GetSiteUseCase;
import guestlist.application.port.in.SiteView;
import guestlist.application.port.out.SiteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.SiteChanges;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reading the site, and its admins changing it.
 *
 * <p>{@link #getSite()} (what {@code GET /site} shows, the most requested read of a server like
 * this) answers from a copy at most {@code maxAge} old. An edit through this service drops the copy
 * once it has committed, so the editor's next read, and everyone's after it, shows the edit; an
 * edit made by another process on the same database shows here within {@code maxAge}. Nothing that
 * decides anything reads the copy: registration and invite creation read the site inside their own
 * transaction.
 */
public final class SiteService implements GetSiteUseCase, EditSiteUseCase {

    /** How long a read of the site is shown again: one second, as Lemmy caches its site view. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);

    private final Transactions transactions;
    private final SiteRepository sites;
    private final UserRepository users;
    private final Clock clock;
    private final Duration maxAge;

    /**
     * The kept copy, with the number of edits made through this service when it was read. A read
     * that began before an edit finished must not be kept after it: it is stored only while that
     * number is unchanged, checked and stored in one atomic step.
     */
    private final AtomicReference<Copy> copy = new AtomicReference<>(new Copy(0, null, Instant.MIN));

    private record Copy(long edits, SiteView view, Instant readAt) {
    }

    /**
     * @param maxAge how long a read is shown again; {@link Duration#ZERO} reads the database every time
     */
    public SiteService(Transactions transactions, SiteRepository sites, UserRepository users, Clock clock,
                       Duration maxAge) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.sites = Objects.requireNonNull(sites, "sites");
        this.users = Objects.requireNonNull(users, "users");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
        }
    }

    @Override
    public SiteView getSite() {
        Copy kept = copy.get();
        // taken before the read: the copy is never thought younger than what it shows
        Instant now = clock.instant();
        if (kept.view() != null && !now.isBefore(kept.readAt()) && now.isBefore(kept.readAt().plus(maxAge))) {
            return kept.view();
        }
        // two reads, each on its own: a site edited between them shows the old or the new admins
        SiteView fresh = transactions.read(() -> new SiteView(sites.get(), users.admins()));
        if (!maxAge.isZero()) {
            // fails when an edit (or a newer read) came in between; then this read is not kept
            copy.compareAndSet(kept, new Copy(kept.edits(), fresh, now));
        }
        return fresh;
    }

    @Override
    public LocalSite editSite(LocalUser actor, SiteChanges changes) {
        LocalSite edited = transactions.inTransaction(() -> {
            Actors.currentAdmin(users, actor);
            return sites.save(sites.get().edit(changes));
        });
        copy.updateAndGet(kept -> new Copy(kept.edits() + 1, null, Instant.MIN));
        return edited;
    }
}
