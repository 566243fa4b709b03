package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static guestlist.application.service.InviteBranches.query;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.AccountListingQuery;
import guestlist.application.port.in.ListInvitesQuery;
import guestlist.application.port.in.ListUserInvitesUseCase;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.invite.Invite;
import guestlist.domain.paging.Page;
import guestlist.domain.paging.PagePosition;
import guestlist.domain.paging.PageSize;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListUserInvitesServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final ListUserInvitesUseCase listing = guestlist.app.useCases().listUserInvites();
    private final LocalUser alice = guestlist.member("alice");

    private Page<Invite> asTheMemberSeesThem(int size, Optional<PagePosition> after) {
        return guestlist
                .app
                .useCases()
                .listInvites()
                .listInvites(new ListInvitesQuery(alice, new PageSize(size), after));
    }

    private Page<Invite> asAnAdminSeesThem(int size, Optional<PagePosition> after) {
        return listing.listUserInvites(new AccountListingQuery(guestlist.admin, alice.id(), new PageSize(size), after));
    }

    @Test
    void anAdminSeesTheMembersUsableInvitesNewestFirstAsTheMemberDoes() {
        Invite first = guestlist.invite(alice);
        Invite expiring = guestlist.invite(
                alice, Optional.empty(), Optional.of(guestlist.clock.instant().plus(Duration.ofHours(1))));
        Invite third = guestlist.invite(alice, Optional.of(3), Optional.empty());
        guestlist.invite(guestlist.admin);
        guestlist.clock.advance(Duration.ofHours(2));

        Page<Invite> page = asAnAdminSeesThem(20, Optional.empty());

        assertThat(page.items()).containsExactly(third, first).doesNotContain(expiring);
        assertThat(page).isEqualTo(asTheMemberSeesThem(20, Optional.empty()));
    }

    @Test
    void pagesAreTheMembersOwnPages() {
        for (int i = 0; i < 5; i++) {
            guestlist.invite(alice);
        }

        Page<Invite> first = asAnAdminSeesThem(2, Optional.empty());
        Page<Invite> second = asAnAdminSeesThem(2, first.next());

        assertThat(first).isEqualTo(asTheMemberSeesThem(2, Optional.empty()));
        assertThat(second).isEqualTo(asTheMemberSeesThem(2, first.next()));
        assertThat(asAnAdminSeesThem(2, second.next()).items()).hasSize(1);
        assertThat(asAnAdminSeesThem(2, second.next()).next()).isEmpty();
    }

    @Test
    void anAccountWithoutInvitesHasAnEmptyList() {
        assertThat(asAnAdminSeesThem(20, Optional.empty()).items()).isEmpty();
    }

    @Test
    void anUnknownAccountIsNotFound() {
        assertRefused(
                () -> listing.listUserInvites(new AccountListingQuery(
                        guestlist.admin, new LocalUserId(987_654), new PageSize(20), Optional.empty())),
                Reason.NO_SUCH_ACCOUNT);
    }

    @Test
    void onlyAdminsReadSomeoneElsesInvites() {
        LocalUser bob = guestlist.member("bob");
        guestlist.invite(alice);

        assertRefused(() -> listing.listUserInvites(query(bob, alice, 20, Optional.empty())), Rule.ADMIN_ONLY);
        assertRefused(() -> listing.listUserInvites(query(alice, alice, 20, Optional.empty())), Rule.ADMIN_ONLY);
    }
}
