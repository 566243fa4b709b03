package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static guestlist.application.service.InviteBranches.query;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.AccountListingQuery;
import guestlist.application.port.in.ListInviteAncestryUseCase;
import guestlist.application.port.in.LocalUserView;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.paging.Page;
import guestlist.domain.paging.PageSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListInviteAncestryServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final InviteBranches branches = new InviteBranches(guestlist);
    private final ListInviteAncestryUseCase ancestry = guestlist.app.useCases().listInviteAncestry();

    private final LocalUser alice = guestlist.member("alice");
    private final LocalUser bob = branches.invitedBy(alice, "bob");
    private final LocalUser carl = branches.invitedBy(bob, "carl");
    private final LocalUser dora = branches.invitedBy(carl, "dora");
    private final LocalUser erin = branches.invitedBy(dora, "erin");

    private Page<LocalUserView> page(LocalUser account, int size, Optional<LocalUserId> after) {
        return ancestry.listInviteAncestry(query(guestlist.admin, account, size, after));
    }

    private static List<LocalUserId> ids(Page<LocalUserView> page) {
        return page.items().stream().map(view -> view.user().id()).toList();
    }

    @Test
    void theInviterAndItsInvitersNearestFirstUpToAnAccountThatJoinedWithoutAnInvite() {
        Page<LocalUserView> page = page(erin, 20, Optional.empty());

        assertThat(ids(page)).containsExactly(dora.id(), carl.id(), bob.id(), alice.id());
        assertThat(page.items().get(3).user().invitedBy()).isEmpty();
        assertThat(page.items().get(0).user()).isEqualTo(branches.stored(dora));
        assertThat(page.next()).isEmpty();
    }

    @Test
    void anAccountThatJoinedWithoutAnInviteHasNoAncestry() {
        assertThat(page(alice, 20, Optional.empty()).items()).isEmpty();
        assertThat(page(guestlist.admin, 20, Optional.empty()).items()).isEmpty();
    }

    @Test
    void pagesCoverTheAncestryOnce() {
        List<LocalUserId> served = new ArrayList<>();
        Optional<LocalUserId> after = Optional.empty();
        do {
            Page<LocalUserView> page = page(erin, 3, after);
            served.addAll(ids(page));
            after = page.next().map(next -> new LocalUserId(next.lastId()));
        } while (after.isPresent());

        assertThat(served).containsExactly(dora.id(), carl.id(), bob.id(), alice.id());
    }

    @Test
    void aCursorThatIsNotAboveTheAccountEndsTheListing() {
        assertThat(page(carl, 20, Optional.of(erin.id())).items()).isEmpty();
        assertThat(page(carl, 20, Optional.of(bob.id())).items())
                .extracting(view -> view.user().id())
                .containsExactly(alice.id());
    }

    @Test
    void anUnknownAccountIsNotFound() {
        assertRefused(
                () -> ancestry.listInviteAncestry(new AccountListingQuery(
                        guestlist.admin, new LocalUserId(987_654), new PageSize(20), Optional.empty())),
                Reason.NO_SUCH_ACCOUNT);
    }

    @Test
    void onlyAdminsReadAncestries() {
        String before = guestlist.store.contents();

        assertRefused(() -> ancestry.listInviteAncestry(query(erin, erin, 20, Optional.empty())), Rule.ADMIN_ONLY);
        assertThat(guestlist.store.contents()).isEqualTo(before);
    }
}
