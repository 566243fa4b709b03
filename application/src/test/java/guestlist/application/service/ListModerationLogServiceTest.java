package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.ChangeInvitePermissionCommand;
import guestlist.application.port.in.ListModerationLogQuery;
import guestlist.application.port.in.ListModerationLogUseCase;
import guestlist.application.port.in.ModerationLogLine;
import guestlist.application.port.in.RevokeAllInvitesCommand;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.moderation.ModerationAction;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.Scope;
import guestlist.domain.paging.Page;
import guestlist.domain.paging.PagePosition;
import guestlist.domain.paging.PageSize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ListModerationLogServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final InviteBranches branches = new InviteBranches(guestlist);
    private final ListModerationLogUseCase logUseCase = guestlist.app.useCases().listModerationLog();

    private final LocalUser alice = guestlist.member("alice");
    private final LocalUser spammer = branches.invitedBy(alice, "spammer");
    private final LocalUser ring1 = branches.invitedBy(spammer, "ring1");

    private Page<ModerationLogLine> page(int size, Optional<PagePosition> after) {
        return logUseCase.listModerationLog(new ListModerationLogQuery(guestlist.admin, new PageSize(size), after));
    }

    private void revokeAll(LocalUser target, String reason) {
        guestlist
                .app
                .useCases()
                .revokeAllInvites()
                .revokeAllInvites(new RevokeAllInvitesCommand(guestlist.admin, target.id(), true, reason));
    }

    private void disable(LocalUser target, String reason) {
        guestlist
                .app
                .useCases()
                .changeInvitePermission()
                .changeInvitePermission(
                        new ChangeInvitePermissionCommand(guestlist.admin, target.id(), false, false, reason));
    }

    @Test
    void anEmptyLogHasNoLines() {
        Page<ModerationLogLine> page = page(20, Optional.empty());

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void linesAreNewestFirstWithTheAdminAndTheTargetAsStored() {
        revokeAll(spammer, "first");
        guestlist.clock.advance(Duration.ofMinutes(1));
        disable(ring1, "second");

        List<ModerationLogLine> lines = page(20, Optional.empty()).items();

        assertThat(lines).extracting(line -> line.entry().reason()).containsExactly("second", "first");
        assertThat(lines)
                .extracting(line -> line.entry().action())
                .containsExactly(ModerationAction.DISABLE_INVITES, ModerationAction.REVOKE_ALL);
        assertThat(lines.get(0).admin()).isEqualTo(branches.stored(guestlist.admin));
        assertThat(lines.get(0).target()).isEqualTo(branches.stored(ring1));
        assertThat(lines.get(0).target().invitePermission().canInvite()).isFalse();
        assertThat(lines.get(1).target()).isEqualTo(branches.stored(spammer));
        assertThat(lines.get(0).entry()).isEqualTo(branches.log().get(0));
    }

    @Test
    void whateverEntriesExistAreShownBansIncluded() {
        Scope scope = new Scope(spammer.id(), true);
        ModerationEntry ban = guestlist
                .store
                .transactions()
                .inTransaction(() -> guestlist
                        .store
                        .moderation()
                        .append(new ModerationEntry.New(
                                ModerationAction.BAN,
                                guestlist.admin.id(),
                                scope,
                                2,
                                1,
                                "spam",
                                Optional.of(guestlist.clock.instant().plus(Duration.ofDays(7))),
                                guestlist.clock.instant())));

        assertThat(page(20, Optional.empty()).items()).singleElement().satisfies(line -> {
            assertThat(line.entry()).isEqualTo(ban);
            assertThat(line.target().id()).isEqualTo(spammer.id());
        });
    }

    @Test
    void pagesCoverTheLogOnceNewestFirst() {
        for (int i = 1; i <= 5; i++) {
            revokeAll(i % 2 == 0 ? spammer : ring1, "round " + i);
        }

        List<String> served = new ArrayList<>();
        Optional<PagePosition> after = Optional.empty();
        do {
            Page<ModerationLogLine> page = page(2, after);
            page.items().forEach(line -> served.add(line.entry().reason()));
            after = page.next();
        } while (after.isPresent());

        assertThat(served).containsExactly("round 5", "round 4", "round 3", "round 2", "round 1");
    }

    @Test
    void theAccountsOfAPageAreReadInOneLookUp() {
        for (int i = 1; i <= 6; i++) {
            revokeAll(i % 2 == 0 ? spammer : ring1, "round " + i);
        }
        AtomicInteger lookUps = new AtomicInteger();
        AtomicInteger singleReads = new AtomicInteger();
        ForwardingUsers counting = new ForwardingUsers(guestlist.store.users()) {
            @Override
            public List<LocalUser> findAllById(Collection<LocalUserId> ids) {
                lookUps.incrementAndGet();
                return super.findAllById(ids);
            }

            @Override
            public Optional<LocalUser> findById(LocalUserId id) {
                singleReads.incrementAndGet();
                return super.findById(id);
            }
        };
        ListModerationLogService service =
                new ListModerationLogService(guestlist.store.transactions(), counting, guestlist.store.moderation());

        Page<ModerationLogLine> page = service.listModerationLog(
                new ListModerationLogQuery(guestlist.admin, new PageSize(5), Optional.empty()));

        assertThat(page.items()).hasSize(5);
        assertThat(lookUps).hasValue(1);
        assertThat(singleReads).as("the admin asking, once").hasValue(1);
    }

    @Test
    void onlyAdminsReadTheLog() {
        revokeAll(spammer, "spam");

        assertRefused(
                () -> logUseCase.listModerationLog(
                        new ListModerationLogQuery(alice, new PageSize(20), Optional.empty())),
                Rule.ADMIN_ONLY);
    }
}
