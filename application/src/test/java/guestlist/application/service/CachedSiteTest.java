package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.port.in.SiteView;
import guestlist.application.port.out.Transactions;
import guestlist.domain.Rule;
import guestlist.domain.site.SiteChanges;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CachedSiteTest {

    private final Guestlist guestlist = new Guestlist();

    @Test
    void aReadIsShownAgainForOneSecondThenReadAnew() {
        WatchedReads reads = new WatchedReads(guestlist.store.transactions());
        CachedSite service = service(reads, CachedSite.DEFAULT_MAX_AGE);
        SiteView first = service.getSite();
        renameBehindTheService("Renamed elsewhere");

        guestlist.clock.advance(Duration.ofMillis(999));
        assertThat(service.getSite()).isSameAs(first);
        assertThat(reads.count.get()).isEqualTo(1);

        guestlist.clock.advance(Duration.ofMillis(1));
        assertThat(service.getSite().site().name()).isEqualTo("Renamed elsewhere");
        assertThat(reads.count.get()).isEqualTo(2);
    }

    @Test
    void anEditThroughTheServiceIsShownAtOnce() {
        CachedSite service = service(guestlist.store.transactions(), CachedSite.DEFAULT_MAX_AGE);
        service.getSite();

        service.editSite(
                guestlist.admin,
                new SiteChanges(Optional.of("Gardeners"), Optional.empty(), Optional.empty(), Optional.empty()));

        assertThat(service.getSite().site().name()).isEqualTo("Gardeners");
    }

    @Test
    void aReadThatBeganBeforeAnEditIsNotKeptAfterIt() {
        // the edit commits while a read is between its SELECT and keeping the result
        WatchedReads transactions = new WatchedReads(guestlist.store.transactions());
        CachedSite service = service(transactions, CachedSite.DEFAULT_MAX_AGE);
        transactions.duringNextRead = () -> service.editSite(
                guestlist.admin,
                new SiteChanges(Optional.of("Edited meanwhile"), Optional.empty(), Optional.empty(), Optional.empty()));

        SiteView readBeforeTheEdit = service.getSite();

        assertThat(readBeforeTheEdit.site().name()).isNotEqualTo("Edited meanwhile");
        assertThat(service.getSite().site().name()).isEqualTo("Edited meanwhile");
    }

    @Test
    void aFailedEditKeepsTheCopyAndShowsNoChange() {
        CachedSite service = service(guestlist.store.transactions(), CachedSite.DEFAULT_MAX_AGE);
        SiteView before = service.getSite();

        assertRefused(
                () -> service.editSite(
                        guestlist.admin,
                        new SiteChanges(Optional.of(" "), Optional.empty(), Optional.empty(), Optional.empty())),
                Rule.SITE_NAME_LENGTH);

        assertThat(service.getSite().site()).isEqualTo(before.site());
    }

    @Test
    void aClockThatWentBackReadsAnew() {
        WatchedReads reads = new WatchedReads(guestlist.store.transactions());
        CachedSite service = service(reads, CachedSite.DEFAULT_MAX_AGE);
        service.getSite();

        guestlist.clock.advance(Duration.ofMillis(-1));
        service.getSite();

        assertThat(reads.count.get()).isEqualTo(2);
    }

    @Test
    void maxAgeZeroReadsEveryTime() {
        WatchedReads reads = new WatchedReads(guestlist.store.transactions());
        CachedSite service = service(reads, Duration.ZERO);

        service.getSite();
        renameBehindTheService("Renamed elsewhere");

        assertThat(service.getSite().site().name()).isEqualTo("Renamed elsewhere");
        assertThat(reads.count.get()).isEqualTo(2);
    }

    @Test
    void negativeMaxAgeIsRefused() {
        assertThatThrownBy(() -> service(guestlist.store.transactions(), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The plain services on these transactions, behind the copy. */
    private CachedSite service(Transactions transactions, Duration maxAge) {
        return new CachedSite(
                new GetSiteService(transactions, guestlist.store.sites(), guestlist.store.users()),
                new EditSiteService(transactions, guestlist.store.sites(), guestlist.store.users()),
                guestlist.clock,
                maxAge);
    }

    /** What another process sharing the database does: a change this service does not see made. */
    private void renameBehindTheService(String name) {
        guestlist
                .store
                .transactions()
                .run(() -> guestlist
                        .store
                        .sites()
                        .save(guestlist
                                .store
                                .sites()
                                .get()
                                .edit(new SiteChanges(
                                        Optional.of(name), Optional.empty(), Optional.empty(), Optional.empty()))));
    }

    /**
     * The store's transactions, watched: counts the reads that reach the store, and runs
     * {@code duringNextRead}, if set, right after the next read has been made and before its caller
     * gets the result.
     */
    private static final class WatchedReads implements Transactions {
        private final Transactions store;
        final AtomicInteger count = new AtomicInteger();
        Runnable duringNextRead;

        WatchedReads(Transactions store) {
            this.store = store;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return store.inTransaction(work);
        }

        @Override
        public <T> T read(Supplier<T> work) {
            count.incrementAndGet();
            T result = store.read(work);
            Runnable meanwhile = duringNextRead;
            duringNextRead = null;
            if (meanwhile != null) {
                meanwhile.run();
            }
            return result;
        }
    }
}
