package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.ApplicationView;
import guestlist.application.port.in.DecideRegistrationApplicationCommand;
import guestlist.application.port.in.ListRegistrationApplicationsQuery;
import guestlist.application.port.in.ListRegistrationApplicationsUseCase;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.application.ApplicationId;
import guestlist.domain.paging.Page;
import guestlist.domain.paging.PagePosition;
import guestlist.domain.paging.PageSize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListRegistrationApplicationsServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final ListRegistrationApplicationsUseCase listing =
            guestlist.app.useCases().listRegistrationApplications();

    @Test
    void listShowsUnreadApplicationsOldestFirstByDefault() {
        LocalUser anna = guestlist.applicant("anna", "first");
        guestlist.clock.advance(Duration.ofMinutes(1));
        LocalUser ben = guestlist.applicant("ben", "second");
        guestlist.clock.advance(Duration.ofMinutes(1));
        LocalUser cleo = guestlist.applicant("cleo", "third");

        Page<ApplicationView> page = list(Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(page.items())
                .extracting(view -> view.creator().id())
                .containsExactly(anna.id(), ben.id(), cleo.id());
        assertThat(page.items())
                .extracting(view -> view.application().answer())
                .containsExactly("first", "second", "third");
        assertThat(page.items()).allSatisfy(view -> {
            assertThat(view.admin()).isEmpty();
            assertThat(view.application().unread()).isTrue();
            assertThat(view.creator().acceptedApplication()).isFalse();
        });
        assertThat(page.next()).isEmpty();
    }

    @Test
    void decidedApplicationsAreHiddenUnlessUnreadOnlyIsOff() {
        LocalUser anna = guestlist.applicant("anna", "first");
        LocalUser ben = guestlist.applicant("ben", "second");
        decide(anna, true, Optional.empty());

        Page<ApplicationView> unread = list(Optional.of(true), Optional.empty(), Optional.empty());
        Page<ApplicationView> all = list(Optional.of(false), Optional.empty(), Optional.empty());

        assertThat(unread.items()).extracting(view -> view.creator().id()).containsExactly(ben.id());
        assertThat(all.items()).extracting(view -> view.creator().id()).containsExactly(anna.id(), ben.id());
        ApplicationView decided = all.items().get(0);
        assertThat(decided.admin().map(LocalUser::id)).contains(guestlist.admin.id());
        assertThat(decided.creator().acceptedApplication()).isTrue();
    }

    @Test
    void pagesCoverEveryApplicationOnceOldestFirst() {
        List<LocalUserId> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(guestlist.applicant("applicant" + i, "answer " + i).id());
        }

        List<LocalUserId> served = new ArrayList<>();
        Optional<PagePosition> cursor = Optional.empty();
        List<Integer> sizes = new ArrayList<>();
        do {
            Page<ApplicationView> page = list(Optional.empty(), Optional.of(3), cursor);
            sizes.add(page.items().size());
            page.items().forEach(view -> served.add(view.creator().id()));
            cursor = page.next();
        } while (cursor.isPresent());

        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(served).containsExactlyElementsOf(created);
    }

    @Test
    void decidingBetweenPagesDoesNotSkipUnreadApplications() {
        List<LocalUser> applicants = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            applicants.add(guestlist.applicant("applicant" + i, "answer " + i));
        }
        Page<ApplicationView> first = list(Optional.empty(), Optional.of(2), Optional.empty());
        decide(applicants.get(0), true, Optional.empty());

        Page<ApplicationView> second = list(Optional.empty(), Optional.of(2), first.next());

        assertThat(second.items())
                .extracting(view -> view.creator().id())
                .containsExactly(applicants.get(2).id(), applicants.get(3).id());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 51})
    void limitOutsideOneToFiftyIsRefused(int limit) {
        assertRefused(() -> list(Optional.empty(), Optional.of(limit), Optional.empty()), Rule.PAGE_SIZE);
    }

    @Test
    void nonAdminMayNotList() {
        LocalUser member = guestlist.member("member");

        assertRefused(
                () -> listing.listApplications(ListRegistrationApplicationsQuery.of(
                        member, Optional.empty(), PageSize.of(Optional.empty()), Optional.empty())),
                Rule.ADMIN_ONLY);
    }

    private Page<ApplicationView> list(
            Optional<Boolean> unreadOnly, Optional<Integer> limit, Optional<PagePosition> after) {
        return listing.listApplications(
                ListRegistrationApplicationsQuery.of(guestlist.admin, unreadOnly, PageSize.of(limit), after));
    }

    private ApplicationView decide(LocalUser applicant, boolean approve, Optional<String> reason) {
        ApplicationId applicationId =
                guestlist.storedApplication(applicant.id()).orElseThrow().id();
        return guestlist
                .app
                .useCases()
                .decideRegistrationApplication()
                .decide(new DecideRegistrationApplicationCommand(guestlist.admin, applicationId, approve, reason));
    }
}
