package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static guestlist.application.service.InviteBranches.query;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.AccountListingQuery;
import guestlist.application.port.in.InviteTreeMember;
import guestlist.application.port.in.ListInviteTreeUseCase;
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

class ListInviteTreeServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final InviteBranches branches = new InviteBranches(guestlist);
    private final ListInviteTreeUseCase tree = guestlist.app.useCases().listInviteTree();

    private final LocalUser alice = guestlist.member("alice");
    // alice -> {bob -> {dora, erin -> gus}, carl -> fay}
    private final LocalUser bob = branches.invitedBy(alice, "bob");
    private final LocalUser carl = branches.invitedBy(alice, "carl");
    private final LocalUser dora = branches.invitedBy(bob, "dora");
    private final LocalUser erin = branches.invitedBy(bob, "erin");
    private final LocalUser fay = branches.invitedBy(carl, "fay");
    private final LocalUser gus = branches.invitedBy(erin, "gus");

    private Page<InviteTreeMember> page(LocalUser top, int size, Optional<LocalUserId> after) {
        return tree.listInviteTree(query(guestlist.admin, top, size, after));
    }

    private static List<LocalUserId> ids(Page<InviteTreeMember> page) {
        return page.items().stream()
                .map(member -> member.localUserView().user().id())
                .toList();
    }

    @Test
    void theBranchBelowTheUserIsBreadthFirstThenByIdWithDepthAndInviter() {
        Page<InviteTreeMember> page = page(alice, 20, Optional.empty());

        assertThat(ids(page)).containsExactly(bob.id(), carl.id(), dora.id(), erin.id(), fay.id(), gus.id());
        assertThat(page.items()).extracting(InviteTreeMember::depth).containsExactly(1, 1, 2, 2, 2, 3);
        assertThat(page.items())
                .extracting(InviteTreeMember::invitedBy)
                .containsExactly(alice.id(), alice.id(), bob.id(), bob.id(), carl.id(), erin.id());
        assertThat(page.next()).isEmpty();
    }

    @Test
    void eachMemberIsShownAsAdminsSeeAnAccountNow() {
        InviteTreeMember first = page(alice, 1, Optional.empty()).items().get(0);

        assertThat(first.localUserView().user()).isEqualTo(branches.stored(bob));
        assertThat(first.localUserView().user().inviteeCount()).isEqualTo(2);
        assertThat(first.localUserView().banned()).isFalse();
        assertThat(first.localUserView().banExpiresAt()).isEmpty();
    }

    @Test
    void theBranchOfAMemberStartsBelowIt() {
        assertThat(ids(page(bob, 20, Optional.empty()))).containsExactly(dora.id(), erin.id(), gus.id());
        assertThat(page(bob, 20, Optional.empty()).items())
                .extracting(InviteTreeMember::depth)
                .containsExactly(1, 1, 2);
        assertThat(page(gus, 20, Optional.empty()).items()).isEmpty();
    }

    @Test
    void pagesCoverTheBranchOnceAcrossItsLevels() {
        List<LocalUserId> served = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        Optional<LocalUserId> after = Optional.empty();
        do {
            Page<InviteTreeMember> page = page(alice, 4, after);
            served.addAll(ids(page));
            sizes.add(page.items().size());
            after = page.next().map(next -> new LocalUserId(next.lastId()));
        } while (after.isPresent());

        assertThat(served).containsExactly(bob.id(), carl.id(), dora.id(), erin.id(), fay.id(), gus.id());
        assertThat(sizes).containsExactly(4, 2);
    }

    @Test
    void aPageThatEndsTheBranchExactlyHasNoNext() {
        Page<InviteTreeMember> page = page(alice, 6, Optional.empty());

        assertThat(page.items()).hasSize(6);
        assertThat(page.next()).isEmpty();
        assertThat(page(alice, 5, Optional.empty()).next())
                .map(next -> next.lastId())
                .contains(fay.id().value());
    }

    @Test
    void aCursorOfAnAccountOutsideTheBranchEndsTheListing() {
        LocalUser stranger = guestlist.member("stranger");

        assertThat(page(bob, 20, Optional.of(stranger.id())).items()).isEmpty();
        assertThat(page(bob, 20, Optional.of(carl.id())).items()).isEmpty();
        assertThat(page(bob, 20, Optional.of(bob.id())).next()).isEmpty();
    }

    @Test
    void anUnknownAccountIsNotFound() {
        assertRefused(
                () -> tree.listInviteTree(new AccountListingQuery(
                        guestlist.admin, new LocalUserId(987_654), new PageSize(20), Optional.empty())),
                Reason.NO_SUCH_ACCOUNT);
    }

    @Test
    void onlyAdminsReadBranches() {
        String before = guestlist.store.contents();

        assertRefused(() -> tree.listInviteTree(query(alice, alice, 20, Optional.empty())), Rule.ADMIN_ONLY);
        assertRefused(() -> tree.listInviteTree(query(bob, bob, 20, Optional.empty())), Rule.ADMIN_ONLY);
        assertThat(guestlist.store.contents()).isEqualTo(before);
    }
}
