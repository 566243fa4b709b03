package guestlist.application.service;

import guestlist.application.port.in.EnsureAdminUseCase;
import guestlist.application.port.out.PasswordHasher;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.ErrorCode;
import guestlist.domain.GuestlistException;
import guestlist.domain.LocalUser;
import guestlist.domain.NewUser;
import guestlist.domain.Password;
import guestlist.domain.Username;

import java.time.Clock;
import java.util.Optional;

/** Makes sure the site has an admin from its first start on. */
public final class AdminSetupService implements EnsureAdminUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Clock clock;

    public AdminSetupService(Transactions transactions, UserRepository users, PasswordHasher hasher, Clock clock) {
        this.transactions = transactions;
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
            return transactions.inTransaction(() -> users.anyAdmin()
                    ? Optional.empty()
                    : Optional.of(users.add(new NewUser(name, Optional.empty(), true, true, Optional.empty(),
                            clock.instant()), hash)));
        } catch (GuestlistException taken) {
            // Another process starting at the same moment created the same admin first.
            if (taken.code() == ErrorCode.USERNAME_ALREADY_TAKEN && transactions.inTransaction(users::anyAdmin)) {
                return Optional.empty();
            }
            throw taken;
        }
    }
}
