package guestlist.application.service;

import guestlist.application.port.in.EnsureAdminUseCase;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.PasswordHasher;
import guestlist.application.port.out.SiteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Password;
import guestlist.domain.account.Username;
import java.time.Clock;
import java.util.Optional;

/**
 * Makes sure the site has an admin from its first start on. Processes starting together on a
 * database without admin each look, hash their admin's password (slow, outside any transaction),
 * then look again and store their admin in one transaction that first locks the site: the first
 * one's admin is there when the next one looks, so there is one first admin even when they were
 * given different names.
 */
public final class AdminSetupService implements EnsureAdminUseCase {

    private final Transactions transactions;
    private final SiteRepository sites;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Clock clock;

    public AdminSetupService(
            Transactions transactions, SiteRepository sites, UserRepository users, PasswordHasher hasher, Clock clock) {
        this.transactions = transactions;
        this.sites = sites;
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public Optional<LocalUser> ensureAdmin(Username name, Password password) {
        if (transactions.inTransaction(users::anyAdmin)) {
            return Optional.empty();
        }
        String hash = hasher.hash(password.value());
        try {
            return transactions.inTransaction(() -> {
                sites.lock();
                return users.anyAdmin()
                        ? Optional.<LocalUser>empty()
                        : Optional.of(users.add(
                                new NewUser(name, Optional.empty(), true, true, Optional.empty(), clock.instant()),
                                hash));
            });
        } catch (UseCaseFailure taken) {
            // Another process starting at the same moment created the same admin first.
            if (taken.reason() == Reason.USERNAME_TAKEN && transactions.inTransaction(users::anyAdmin)) {
                return Optional.empty();
            }
            throw taken;
        }
    }
}
