package guestlist.application.service;

import guestlist.application.port.in.ListModerationLogQuery;
import guestlist.application.port.in.ListModerationLogUseCase;
import guestlist.application.port.in.ModerationLogLine;
import guestlist.application.port.out.ModerationRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.paging.Keyset;
import guestlist.domain.paging.Page;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Admins reading the moderation log, newest first; the accounts the entries of a page name (the
 * admins and the targets) are read in one look-up.
 */
public final class ListModerationLogService implements ListModerationLogUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final ModerationRepository moderation;

    public ListModerationLogService(Transactions transactions, UserRepository users, ModerationRepository moderation) {
        this.transactions = transactions;
        this.users = users;
        this.moderation = moderation;
    }

    @Override
    public Page<ModerationLogLine> listModerationLog(ListModerationLogQuery query) {
        return transactions.inTransaction(() -> {
            Actors.currentAdmin(users, query.actor());
            Page<ModerationEntry> page = Keyset.page(
                    query.size(),
                    limit -> moderation.log(query.after(), limit),
                    entry -> entry.id().value());
            Set<LocalUserId> named = new HashSet<>();
            for (ModerationEntry entry : page.items()) {
                named.add(entry.admin());
                named.add(entry.target());
            }
            Map<LocalUserId, LocalUser> accounts =
                    users.findAllById(named).stream().collect(Collectors.toMap(LocalUser::id, Function.identity()));
            // an account deleted since takes its log lines with it (the log's foreign keys cascade)
            return new Page<>(
                    page.items().stream()
                            .filter(entry ->
                                    accounts.containsKey(entry.admin()) && accounts.containsKey(entry.target()))
                            .map(entry -> new ModerationLogLine(
                                    entry, accounts.get(entry.admin()), accounts.get(entry.target())))
                            .toList(),
                    page.next());
        });
    }
}
