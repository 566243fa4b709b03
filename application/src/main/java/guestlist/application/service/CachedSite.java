package guestlist.application.service;

import guestlist.application.port.in.EditSiteUseCase;
import guestlist.application.port.in.GetSiteUseCase;
import guestlist.application.port.in.SiteView;
import guestlist.domain.account.LocalUser;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.SiteChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reading and editing the site through a copy of the last read.
 *
 * <p>{@link #getSite()} (what {@code GET /site} shows, the most requested read of a server like
 * this) answers from a copy at most {@code maxAge} old. An edit through this decorator drops the copy
 * once it has committed, so the editor's next read, and everyone's after it, shows the edit; an
 * edit made by another process on the same database shows here within {@code maxAge}. Nothing that
 * decides anything reads the copy: registration and invite creation read the site inside their own
 * transaction.
 */
public final class CachedSite implements GetSiteUseCase, EditSiteUseCase {

    /** How long a read of the site is shown again: one second, as Lemmy caches its site view. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);

    private final GetSiteUseCase reads;
    private final EditSiteUseCase edits;
    private final Clock clock;
    private final Duration maxAge;

    /**
     * The kept copy, with the number of edits made through this decorator when it was read. A read
     * that began before an edit finished must not be kept after it: it is stored only while that
     * number is unchanged, checked and stored in one atomic step.
     */
    private final AtomicReference<Copy> copy = new AtomicReference<>(new Copy(0, null, Instant.MIN));

    private record Copy(long edits, SiteView view, Instant readAt) {}

    /**
     * @param reads  reads the site from the store
     * @param edits  edits the site in the store
     * @param maxAge how long a read is shown again; {@link Duration#ZERO} reads the store every time
     */
    public CachedSite(GetSiteUseCase reads, EditSiteUseCase edits, Clock clock, Duration maxAge) {
        this.reads = Objects.requireNonNull(reads, "reads");
        this.edits = Objects.requireNonNull(edits, "edits");
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
        if (kept.view() != null
                && !now.isBefore(kept.readAt())
                && now.isBefore(kept.readAt().plus(maxAge))) {
            return kept.view();
        }
        SiteView fresh = reads.getSite();
        if (!maxAge.isZero()) {
            // fails when an edit (or a newer read) came in between; then this read is not kept
            copy.compareAndSet(kept, new Copy(kept.edits(), fresh, now));
        }
        return fresh;
    }

    @Override
    public LocalSite editSite(LocalUser actor, SiteChanges changes) {
        LocalSite edited = edits.editSite(actor, changes);
        copy.updateAndGet(kept -> new Copy(kept.edits() + 1, null, Instant.MIN));
        return edited;
    }
}
