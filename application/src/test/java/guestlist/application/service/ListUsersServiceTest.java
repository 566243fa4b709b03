package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static guestlist.application.service.Guestlist.form;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.BanPersonCommand;
import guestlist.application.port.in.ListUsersQuery;
import guestlist.application.port.in.ListUsersQuery.Sort;
import guestlist.application.port.in.LocalUserView;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.invite.Invite;
import guestlist.domain.paging.Page;
import guestlist.domain.paging.PagePosition;
import guestlist.domain.paging.PageSize;
import guestlist.domain.site.RegistrationMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListUsersServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final LocalUser alice = guestlist.member("alice");
    private final LocalUser bob = guestlist.member("bob");
    private final LocalUser carol = guestlist.member("carol");

    private Page<LocalUserView> list(
            LocalUser actor,
            Optional<Boolean> bannedOnly,
            Optional<Sort> sort,
            Optional<LocalUserId> invitedBy,
            int size,
            Optional<PagePosition> after) {
        return guestlist
                .app
                .useCases()
                .listUsers()
                .listUsers(ListUsersQuery.of(actor, bannedOnly, sort, invitedBy, new PageSize(size), after));
    }

    private Page<LocalUserView> list(
            Optional<Boolean> bannedOnly, Optional<Sort> sort, Optional<LocalUserId> invitedBy) {
        return list(guestlist.admin, bannedOnly, sort, invitedBy, 50, Optional.empty());
    }

    private static List<LocalUserId> ids(Page<LocalUserView> page) {
        return page.items().stream().map(view -> view.user().id()).toList();
    }

    private void ban(LocalUser target, Optional<Instant> expiresAt) {
        guestlist
                .app
                .useCases()
                .banPerson()
                .banPerson(new BanPersonCommand(guestlist.admin, target.personId(), true, "spam", expiresAt, false));
    }

    private LocalUser invitee(String name, LocalUser inviter) {
        Invite invite = guestlist.invite(inviter);
        RegistrationMode before = guestlist.currentMode();
        guestlist.mode(RegistrationMode.REQUIRE_INVITATION);
        try {
            return guestlist.authenticate(
                    guestlist.register(form(name).token(invite)).sessionToken().orElseThrow());
        } finally {
            guestlist.mode(before);
        }
    }

    @Test
    void everyAccountNewestFirstByDefaultTheAdminIncluded() {
        Page<LocalUserView> page = list(Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(ids(page)).containsExactly(carol.id(), bob.id(), alice.id(), guestlist.admin.id());
        assertThat(page.next()).isEmpty();
        assertThat(page.items()).allSatisfy(view -> {
            assertThat(view.banned()).isFalse();
            assertThat(view.banExpiresAt()).isEmpty();
        });
    }

    @Test
    void oldFirstOnAsking() {
        assertThat(ids(list(Optional.of(false), Optional.of(Sort.OLD), Optional.empty())))
                .containsExactly(guestlist.admin.id(), alice.id(), bob.id(), carol.id());
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeatsInBothOrders() {
        for (int i = 0; i < 7; i++) {
            guestlist.member("member" + i);
        }
        for (Sort sort : Sort.values()) {
            List<LocalUserId> seen = new ArrayList<>();
            Optional<PagePosition> after = Optional.empty();
            int pages = 0;
            do {
                Page<LocalUserView> page =
                        list(guestlist.admin, Optional.empty(), Optional.of(sort), Optional.empty(), 3, after);
                seen.addAll(ids(page));
                after = page.next();
                pages++;
            } while (after.isPresent());
            List<LocalUserId> all = ids(list(Optional.empty(), Optional.of(sort), Optional.empty()));
            assertThat(seen).as("%s", sort).containsExactlyElementsOf(all).hasSize(11);
            assertThat(pages).isEqualTo(4);
        }
    }

    @Test
    void bannedOnlyIsJudgedNowAndTheViewShowsTheEnd() {
        Instant end = guestlist.clock.instant().plus(Duration.ofHours(1));
        ban(alice, Optional.of(end));
        ban(carol, Optional.empty());

        Page<LocalUserView> banned = list(Optional.of(true), Optional.empty(), Optional.empty());

        assertThat(ids(banned)).containsExactly(carol.id(), alice.id());
        assertThat(banned.items().get(1).banExpiresAt()).contains(end);
        assertThat(banned.items().get(0).banExpiresAt()).isEmpty();
        assertThat(banned.items()).allMatch(LocalUserView::banned);

        guestlist.clock.advance(Duration.ofHours(1));

        assertThat(ids(list(Optional.of(true), Optional.empty(), Optional.empty())))
                .containsExactly(carol.id());
        LocalUserView aliceNow = list(Optional.empty(), Optional.of(Sort.OLD), Optional.empty())
                .items()
                .get(1);
        assertThat(aliceNow.user().id()).isEqualTo(alice.id());
        assertThat(aliceNow.banned()).as("the ban has ended by itself").isFalse();
        assertThat(aliceNow.banExpiresAt()).isEmpty();
    }

    @Test
    void invitedByListsOnlyTheDirectInviteesWithTheirInviteeCounts() {
        LocalUser first = invitee("first", alice);
        LocalUser second = invitee("second", alice);
        invitee("grandchild", first);
        invitee("bobs_guest", bob);

        Page<LocalUserView> page = list(Optional.empty(), Optional.empty(), Optional.of(alice.id()));

        assertThat(ids(page)).containsExactly(second.id(), first.id());
        assertThat(page.items()).extracting(view -> view.user().inviteeCount()).containsExactly(0L, 1L);
        assertThat(ids(list(Optional.empty(), Optional.of(Sort.OLD), Optional.of(alice.id()))))
                .containsExactly(first.id(), second.id());
        assertThat(ids(list(Optional.empty(), Optional.empty(), Optional.of(carol.id()))))
                .isEmpty();
    }

    @Test
    void anUnknownInviterIsNotFound() {
        assertRefused(
                () -> list(Optional.empty(), Optional.empty(), Optional.of(new LocalUserId(424_242))),
                Reason.NO_SUCH_ACCOUNT);
    }

    @Test
    void onlyAdminsList() {
        assertRefused(
                () -> list(alice, Optional.empty(), Optional.empty(), Optional.empty(), 20, Optional.empty()),
                Rule.ADMIN_ONLY);
    }
}
