package guestlist.application.service;

import guestlist.application.port.in.SiteView;
import guestlist.application.port.out.Transactions;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static guestlist.application.service.Guestlist.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiteServiceTest {

    private final Guestlist guestlist = new Guestlist();

    @Test
    void newSiteRequiresApplicationsAndCapsInvitesAtTen() {
        LocalSite site = guestlist.app.site().getSite().site();

        assertThat(site.registrationMode()).isEqualTo(RegistrationMode.REQUIRE_APPLICATION);
        assertThat(site.maxInvitesPerUser()).isEqualTo(10);
        assertThat(site.applicationQuestion()).isEmpty();
    }

    @Test
    void siteListsItsAdminsOnly() {
        guestlist.member("alice");

        SiteView view = guestlist.app.site().getSite();

        assertThat(view.admins()).extracting(LocalUser::id).containsExactly(guestlist.admin.id());
        assertThat(view.admins()).allMatch(LocalUser::admin);
    }

    @Test
    void adminChangesEverySetting() {
        LocalSite edited = guestlist.app.site().editSite(guestlist.admin, new SiteChanges(Optional.of("Gardeners"),
                Optional.of(RegistrationMode.REQUIRE_INVITATION), Optional.of("What do you grow?"), Optional.of(3)));

        LocalSite stored = guestlist.app.site().getSite().site();
        assertThat(stored).isEqualTo(edited);
        assertThat(stored.name()).isEqualTo("Gardeners");
        assertThat(stored.registrationMode()).isEqualTo(RegistrationMode.REQUIRE_INVITATION);
        assertThat(stored.applicationQuestion()).contains("What do you grow?");
        assertThat(stored.maxInvitesPerUser()).isEqualTo(3);
    }

    @Test
    void absentValuesStayAsTheyAre() {
        guestlist.app.site().editSite(guestlist.admin, new SiteChanges(Optional.of("Gardeners"),
                Optional.of(RegistrationMode.OPEN), Optional.of("What do you grow?"), Optional.of(3)));
        LocalSite before = guestlist.app.site().getSite().site();

        guestlist.app.site().editSite(guestlist.admin, SiteChanges.none());
        assertThat(guestlist.app.site().getSite().site()).isEqualTo(before);

        guestlist.cap(7);
        LocalSite after = guestlist.app.site().getSite().site();
        assertThat(after.maxInvitesPerUser()).isEqualTo(7);
        assertThat(after.name()).isEqualTo("Gardeners");
        assertThat(after.registrationMode()).isEqualTo(RegistrationMode.OPEN);
        assertThat(after.applicationQuestion()).contains("What do you grow?");
    }

    @Test
    void blankQuestionClearsIt() {
        guestlist.app.site().editSite(guestlist.admin, new SiteChanges(Optional.empty(), Optional.empty(),
                Optional.of("What do you grow?"), Optional.empty()));

        guestlist.app.site().editSite(guestlist.admin, new SiteChanges(Optional.empty(), Optional.empty(),
                Optional.of("  "), Optional.empty()));

        assertThat(guestlist.app.site().getSite().site().applicationQuestion()).isEmpty();
    }

    @Test
    void nonAdminIsRefusedAndNothingChanges() {
        LocalUser alice = guestlist.member("alice");
        LocalSite before = guestlist.app.site().getSite().site();

        assertRefused(() -> guestlist.app.site().editSite(alice, new SiteChanges(Optional.empty(),
                Optional.of(RegistrationMode.OPEN), Optional.empty(), Optional.empty())), Rule.ADMIN_ONLY);

        assertThat(guestlist.app.site().getSite().site()).isEqualTo(before);
    }

    @Test
    void adminFlagIsReadFromTheStoreNotFromTheCaller() {
        LocalUser alice = guestlist.member("alice");
        LocalUser forged = new LocalUser(alice.id(), alice.name(), alice.email(), true, true, alice.invitedBy(),
                alice.publishedAt());

        assertRefused(() -> guestlist.app.site().editSite(forged, SiteChanges.none()), Rule.ADMIN_ONLY);
    }

    @Test
    void capOutOfRangeIsABadRequestAndNothingChanges() {
        LocalSite before = guestlist.app.site().getSite().site();

        assertRefused(() -> guestlist.cap(-1), Rule.SITE_INVITE_CAP_RANGE);
        assertRefused(() -> guestlist.cap(1_000_001), Rule.SITE_INVITE_CAP_RANGE);

        assertThat(guestlist.app.site().getSite().site()).isEqualTo(before);
    }

    @Test
    void capZeroAndOneMillionAreAccepted() {
        assertThat(guestlist.cap(0).maxInvitesPerUser()).isZero();
        assertThat(guestlist.cap(1_000_000).maxInvitesPerUser()).isEqualTo(1_000_000);
    }

    @Test
    void blankNameIsABadRequest() {
        assertRefused(() -> guestlist.app.site().editSite(guestlist.admin, new SiteChanges(Optional.of(" "),
                Optional.empty(), Optional.empty(), Optional.empty())), Rule.SITE_NAME_LENGTH);
    }

    // --- the copy GET /site answers from ---------------------------------------------------------

    @Test
    void aReadIsShownAgainForOneSecondThenReadAnew() {
        WatchedReads reads = new WatchedReads(guestlist.store.transactions());
        SiteService service = service(reads, SiteService.DEFAULT_MAX_AGE);
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
        SiteService service = service(guestlist.store.transactions(), SiteService.DEFAULT_MAX_AGE);
        service.getSite();

        service.editSite(guestlist.admin, new SiteChanges(Optional.of("Gardeners"), Optional.empty(),
                Optional.empty(), Optional.empty()));

        assertThat(service.getSite().site().name()).isEqualTo("Gardeners");
    }

    @Test
    void aReadThatBeganBeforeAnEditIsNotKeptAfterIt() {
        // the edit commits while a read is between its SELECT and keeping the result
        WatchedReads transactions = new WatchedReads(guestlist.store.transactions());
        SiteService service = service(transactions, SiteService.DEFAULT_MAX_AGE);
        transactions.duringNextRead = () -> service.editSite(guestlist.admin, new SiteChanges(
                Optional.of("Edited meanwhile"), Optional.empty(), Optional.empty(), Optional.empty()));

        SiteView readBeforeTheEdit = service.getSite();

        assertThat(readBeforeTheEdit.site().name()).isNotEqualTo("Edited meanwhile");
        assertThat(service.getSite().site().name()).isEqualTo("Edited meanwhile");
    }

    @Test
    void aFailedEditKeepsTheCopyAndShowsNoChange() {
        SiteService service = service(guestlist.store.transactions(), SiteService.DEFAULT_MAX_AGE);
        SiteView before = service.getSite();

        assertRefused(() -> service.editSite(guestlist.admin, new SiteChanges(Optional.of(" "), Optional.empty(),
                Optional.empty(), Optional.empty())), Rule.SITE_NAME_LENGTH);

        assertThat(service.getSite().site()).isEqualTo(before.site());
    }

    @Test
    void aClockThatWentBackReadsAnew() {
        WatchedReads reads = new WatchedReads(guestlist.store.transactions());
        SiteService service = service(reads, SiteService.DEFAULT_MAX_AGE);
        service.getSite();

        guestlist.clock.advance(Duration.ofMillis(-1));
        service.getSite();

        assertThat(reads.count.get()).isEqualTo(2);
    }

    @Test
    void maxAgeZeroReadsEveryTime() {
        WatchedReads reads = new WatchedReads(guestlist.store.transactions());
        SiteService service = service(reads, Duration.ZERO);

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

    private SiteService service(Transactions transactions, Duration maxAge) {
        return new SiteService(transactions, guestlist.store.sites(), guestlist.store.users(), guestlist.clock, maxAge);
    }

    /** What another process sharing the database does: a change this service does not see made. */
    private void renameBehindTheService(String name) {
        guestlist.store.transactions().run(() -> guestlist.store.sites().save(guestlist.store.sites().get()
                .edit(new SiteChanges(Optional.of(name), Optional.empty(), Optional.empty(), Optional.empty()))));
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
