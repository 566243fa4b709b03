package guestlist.application.service;

import guestlist.application.port.in.CheckInviteValidityUseCase;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteToken;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Whether a token names an invite usable now; expiry is checked here, never left to the sweep.
 *
 * <p>The check is the one request anyone may send without an account, and the first one that a
 * link shared widely brings, many at once. Checks are read in {@link GroupedLookups groups}: one
 * statement for all the tokens asked about while the one before it ran, on a thread of its own, so
 * that no caller's thread waits for the store. Each answer is read after its check was asked.
 */
public final class CheckInviteValidityService implements CheckInviteValidityUseCase {

    private static final CompletionStage<Boolean> NOT_A_TOKEN = CompletableFuture.completedStage(false);

    private final Transactions transactions;
    private final InviteRepository invites;
    private final Clock clock;
    private final GroupedLookups<InviteToken, Boolean> checks;

    /** Checks run on a thread of their own ({@code guestlist-validity}), started when checks come. */
    public CheckInviteValidityService(Transactions transactions, InviteRepository invites, Clock clock) {
        this.transactions = transactions;
        this.invites = invites;
        this.clock = clock;
        this.checks = new GroupedLookups<>(this::usableNow, lookupThread());
    }

    @Override
    public CompletionStage<Boolean> checkValidity(String token) {
        if (!InviteToken.isWellFormed(token)) {
            return NOT_A_TOKEN;
        }
        return checks.get(new InviteToken(token)).thenApply(Boolean.TRUE::equals);
    }

    /** The tokens that name an invite usable now, mapped to true; the others are left out. */
    private Map<InviteToken, Boolean> usableNow(Set<InviteToken> tokens) {
        List<Invite> found = transactions.read(() -> invites.findByTokens(tokens));
        Instant now = clock.instant();
        Map<InviteToken, Boolean> usable = new HashMap<>();
        for (Invite invite : found) {
            if (invite.usableAt(now)) {
                usable.put(invite.token(), true);
            }
        }
        return usable;
    }

    /**
     * One thread, started by the first check and ended after a minute without any; a daemon, so
     * that it never keeps the process alive.
     */
    private static Executor lookupThread() {
        return new ThreadPoolExecutor(0, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), work -> {
            Thread thread = new Thread(work, "guestlist-validity");
            thread.setDaemon(true);
            return thread;
        });
    }
}
