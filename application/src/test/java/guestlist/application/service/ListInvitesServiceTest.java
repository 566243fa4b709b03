package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static guestlist.application.service.Guestlist.form;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.ListInvitesQuery;
import guestlist.application.port.in.ListInvitesUseCase;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.paging.Page;
import guestlist.domain.paging.PageSize;
import guestlist.domain.site.RegistrationMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListInvitesServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final LocalUser alice = guestlist.member("alice");
    private final ListInvitesUseCase listing = guestlist.app.useCases().listInvites();

    @Test
    void pagesCoverEveryInviteOnceNewestFirst() {
        List<InviteToken> created = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            created.add(guestlist.invite(guestlist.admin).token());
        }

        Page<Invite> first = list(guestlist.admin, 20);
        Page<Invite> second = next(guestlist.admin, 20, first);
        Page<Invite> third = next(guestlist.admin, 20, second);

        assertThat(first.items()).hasSize(20);
        assertThat(second.items()).hasSize(20);
        assertThat(third.items()).hasSize(5);
        assertThat(third.next()).isEmpty();
        List<InviteToken> served = new ArrayList<>();
        for (Page<Invite> page : List.of(first, second, third)) {
            page.items().forEach(invite -> served.add(invite.token()));
        }
        List<InviteToken> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        assertThat(served).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void pageEndingAtTheLastInviteHasNoNextPage() {
        for (int i = 0; i < 40; i++) {
            guestlist.invite(guestlist.admin);
        }

        Page<Invite> first = list(guestlist.admin, 20);
        Page<Invite> second = next(guestlist.admin, 20, first);

        assertThat(first.next()).isPresent();
        assertThat(second.items()).hasSize(20);
        assertThat(second.next()).isEmpty();
    }

    @Test
    void defaultPageHoldsTwenty() {
        for (int i = 0; i < 21; i++) {
            guestlist.invite(guestlist.admin);
        }

        Page<Invite> page = listing.listInvites(
                new ListInvitesQuery(guestlist.admin, PageSize.of(Optional.empty()), Optional.empty()));

        assertThat(page.items()).hasSize(20);
        assertThat(page.next()).isPresent();
    }

    @Test
    void listShowsOnlyOwnUsableInvites() {
        LocalUser bob = guestlist.member("bob");
        Instant soon = guestlist.clock.instant().plus(Duration.ofHours(1));
        Invite kept = guestlist.invite(alice);
        Invite expiring = guestlist.invite(alice, Optional.empty(), Optional.of(soon));
        Invite single = guestlist.invite(alice, Optional.of(1), Optional.empty());
        Invite revoked = guestlist.invite(alice);
        Invite lasting = guestlist.invite(alice, Optional.of(2), Optional.of(soon.plusSeconds(1)));
        guestlist.invite(bob);
        guestlist
                .app
                .useCases()
                .revokeInvite()
                .revokeInvite(alice, revoked.token().value());
        guestlist.mode(RegistrationMode.REQUIRE_INVITATION);
        guestlist.register(form("carol").token(single));
        guestlist.register(form("dave").token(lasting));
        guestlist.clock.advance(Duration.ofHours(1));

        List<Invite> listed = list(alice, 50).items();

        assertThat(listed).extracting(Invite::token).containsExactly(lasting.token(), kept.token());
        assertThat(listed.get(0).usesCount()).isEqualTo(1);
        assertThat(listed).extracting(Invite::token).doesNotContain(expiring.token());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 51, -1})
    void limitOutsideOneToFiftyIsRefused(int limit) {
        assertRefused(
                () -> listing.listInvites(
                        new ListInvitesQuery(alice, PageSize.of(Optional.of(limit)), Optional.empty())),
                Rule.PAGE_SIZE);
    }

    private Page<Invite> list(LocalUser actor, int limit) {
        return listing.listInvites(new ListInvitesQuery(actor, new PageSize(limit), Optional.empty()));
    }

    private Page<Invite> next(LocalUser actor, int limit, Page<Invite> previous) {
        return listing.listInvites(new ListInvitesQuery(actor, new PageSize(limit), previous.next()));
    }
}
