package guestlist.adapters.rest.http;

import guestlist.adapters.rest.error.ErrorResponses;
import guestlist.adapters.rest.error.ErrorTable;
import guestlist.adapters.rest.error.RequestError;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * One per-address rate limit (SPEC §4, §5) in front of endpoints: {@code perMinute} requests per
 * client address and minute window, counted in the {@link RateLimitStore} that every process
 * shares, so that all processes together admit {@code perMinute}, not each of them. Over the limit:
 * {@code 429 too_many_requests} with {@code Retry-After}, the seconds until the budget's window
 * ends. The client address is {@link ClientAddress}'s; IPv6 clients are counted per /64 network,
 * since one host usually holds a whole /64.
 *
 * <p>What this process remembers, so that the store is asked as little as possible, and never on an
 * I/O thread:
 *
 * <ul>
 *   <li><b>Refusals.</b> When the store says a budget is spent, this process refuses that client
 *       until the window ends without asking again, straight from the I/O thread: a flood from a
 *       refused address costs one short transaction per process and window, then no database work
 *       and no worker thread at all. Nothing is admitted by it: budgets only shrink between refills.
 *   <li><b>Leases.</b> For large limits a process takes a lease of several requests at once
 *       ({@value #LEASE_SHARE} of the limit, at most {@value #MAX_LEASE}; a lease of one below
 *       {@code 200} per minute, so the default limits ask the store for every admitted request)
 *       and admits the rest of the lease from memory. Leased requests were taken from the shared
 *       budget before they are admitted and expire with the window they were taken from, so no
 *       window ever admits more than {@code perMinute} across all processes; what a process leased
 *       and did not use is lost with the window: each other process may see up to a lease less. One
 *       lease at a time is asked for per client; requests that miss meanwhile ask for one.
 * </ul>
 *
 * <p>Memory is bounded: at most about {@code maxTracked} clients are remembered (only those with a
 * live refusal or lease, or a lease being asked for); when there are more, the oldest knowledge is
 * simply forgotten (a forgotten refusal costs one more question to the store, a forgotten lease up
 * to a lease fewer admitted). A new client is never refused for lack of room: its budget is in the
 * store, and any number of addresses cannot lock anyone else out.
 */
public final class RateLimiter {

    /** The share of the limit a lease takes. */
    static final int LEASE_SHARE = 100;
    /** The largest lease. */
    static final int MAX_LEASE = 1_000;

    private static final Verdict ADMIT = new Verdict(Verdict.Kind.ADMIT, 0, 0);
    private static final Verdict ASK_ONE = new Verdict(Verdict.Kind.ASK, 0, 1);

    private final String name;
    private final int perMinute;
    private final int lease;
    private final RateLimitStore store;
    private final ClientAddress clients;
    private final int maxTracked;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final ReentrantLock forgetting = new ReentrantLock();

    /**
     * @param name       the limit's name, part of the budget's key in the store (budgets of different
     *                   limits are apart)
     * @param perMinute  requests per client and minute; 0 turns the limit off
     * @param maxTracked how many clients this process remembers at most (see above)
     */
    public RateLimiter(String name, int perMinute, RateLimitStore store, ClientAddress clients, int maxTracked) {
        this(name, perMinute, store, clients, maxTracked, System::nanoTime);
    }

    RateLimiter(
            String name,
            int perMinute,
            RateLimitStore store,
            ClientAddress clients,
            int maxTracked,
            LongSupplier nanoTime) {
        this.name = Objects.requireNonNull(name, "name");
        this.store = Objects.requireNonNull(store, "store");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        if (perMinute < 0) {
            throw new IllegalArgumentException("perMinute must not be negative");
        }
        if (maxTracked < 1) {
            throw new IllegalArgumentException("maxTracked must be positive");
        }
        this.perMinute = perMinute;
        this.maxTracked = maxTracked;
        this.lease = leaseFor(perMinute);
    }

    /** How many requests a process leases at once under a limit of {@code perMinute}. */
    static int leaseFor(int perMinute) {
        return Math.max(1, Math.min(MAX_LEASE, perMinute / LEASE_SHARE));
    }

    /**
     * {@code next} behind this limit. A request this process can decide alone (a live refusal or
     * lease) is decided on the I/O thread; otherwise the store is asked on a worker thread, and the
     * request goes on (or is refused) on the I/O thread again, as it came.
     */
    public HttpHandler guarding(HttpHandler next) {
        if (perMinute == 0) {
            return next;
        }
        return exchange -> {
            String key = keyOf(clients.of(exchange));
            Verdict local = decideLocally(key, nanoTime.getAsLong());
            switch (local.kind()) {
                case ADMIT -> next.handleRequest(exchange);
                case REFUSE -> refuse(exchange, local.retryAfterSeconds());
                case ASK ->
                    exchange.dispatch(onWorker -> {
                        HttpHandler then;
                        try {
                            Verdict asked = ask(key, local.wanted());
                            then = asked.kind() == Verdict.Kind.ADMIT
                                    ? next
                                    : onIoThread -> refuse(onIoThread, asked.retryAfterSeconds());
                        } catch (VirtualMachineError fatal) {
                            throw fatal;
                        } catch (RuntimeException failure) {
                            ErrorResponses.Answer answer = ErrorResponses.answer(onWorker, failure);
                            then = onIoThread -> ErrorResponses.send(onIoThread, answer.error(), answer.message());
                        }
                        onWorker.dispatch(onWorker.getIoThread(), then);
                    });
            }
        };
    }

    /**
     * The same decision for one request of {@code client}, on the calling thread (which may block on
     * the store).
     *
     * @return empty when the request may pass, else how many seconds the client should wait
     */
    public OptionalLong acquire(InetAddress client) {
        if (perMinute == 0) {
            return OptionalLong.empty();
        }
        String key = keyOf(client);
        Verdict verdict = decideLocally(key, nanoTime.getAsLong());
        if (verdict.kind() == Verdict.Kind.ASK) {
            verdict = ask(key, verdict.wanted());
        }
        return verdict.kind() == Verdict.Kind.ADMIT
                ? OptionalLong.empty()
                : OptionalLong.of(verdict.retryAfterSeconds());
    }

    /** How many clients this process remembers now (the memory bound, for tests and metrics). */
    public int trackedClients() {
        return remembered.size();
    }

    private Verdict decideLocally(String key, long now) {
        Remembered known = remembered.get(key);
        if (known == null && lease == 1) {
            return ASK_ONE; // the common case under small limits: nothing to remember, nothing to lock
        }
        Verdict[] verdict = new Verdict[1];
        remembered.compute(key, (ignored, current) -> {
            if (current != null && current.hasLeaseAt(now)) {
                verdict[0] = ADMIT;
                return current.usingOne().orNullIfIdleAt(now);
            }
            if (current != null && current.refusedAt(now)) {
                verdict[0] = new Verdict(Verdict.Kind.REFUSE, secondsUntil(current.refusedUntil() - now), 0);
                return current;
            }
            if (lease == 1 || (current != null && current.asking())) {
                verdict[0] = ASK_ONE;
                return current == null ? null : current.orNullIfIdleAt(now);
            }
            verdict[0] = new Verdict(Verdict.Kind.ASK, 0, lease);
            return Remembered.ASKING;
        });
        if (verdict[0].wanted() > 1) {
            forgetIfFull(now);
        }
        return verdict[0];
    }

    /** Asks the store for {@code wanted} requests of {@code key}'s budget and remembers what it said. */
    private Verdict ask(String key, int wanted) {
        boolean leaseAsker = wanted > 1;
        RateLimitStore.Grant grant;
        try {
            grant = store.take(name + "|" + key, perMinute, wanted);
        } catch (RuntimeException failure) {
            if (leaseAsker) {
                long now = nanoTime.getAsLong();
                remembered.computeIfPresent(
                        key, (ignored, current) -> current.doneAsking().orNullIfIdleAt(now));
            }
            throw failure;
        }
        long now = nanoTime.getAsLong();
        long refillAt = now + grant.untilRefill().toNanos();
        remembered.compute(key, (ignored, current) -> {
            Remembered before = current == null ? Remembered.NOTHING : current;
            Remembered after = leaseAsker ? before.doneAsking() : before;
            if (grant.taken() == 0) {
                after = after.refusedUntil(refillAt);
            } else if (grant.taken() > 1) {
                after = after.leasing(grant.taken() - 1, refillAt, now);
            }
            return after.orNullIfIdleAt(now);
        });
        forgetIfFull(now);
        return grant.taken() > 0
                ? ADMIT
                : new Verdict(
                        Verdict.Kind.REFUSE, secondsUntil(grant.untilRefill().toNanos()), 0);
    }

    /**
     * Keeps the memory bounded: above {@code maxTracked} clients, forgets those with nothing live,
     * then, if still above three quarters of it, any (one thread at a time; the others go on).
     */
    private void forgetIfFull(long now) {
        if (remembered.size() <= maxTracked || !forgetting.tryLock()) {
            return;
        }
        try {
            remembered.values().removeIf(known -> known.isIdleAt(now));
            int target = maxTracked / 4 * 3;
            Iterator<String> keys = remembered.keySet().iterator();
            while (remembered.size() > target && keys.hasNext()) {
                keys.next();
                keys.remove();
            }
        } finally {
            forgetting.unlock();
        }
    }

    private void refuse(HttpServerExchange exchange, long seconds) {
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(seconds));
        ErrorResponses.send(
                exchange,
                ErrorTable.of(RequestError.TOO_MANY_REQUESTS),
                "too many requests from your address; try again in " + seconds + " seconds");
    }

    private static long secondsUntil(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    /** The budget a client counts in: its IPv4 address, or the /64 network of its IPv6 address. */
    static String keyOf(InetAddress client) {
        if (client instanceof Inet6Address) {
            byte[] network = Arrays.copyOf(client.getAddress(), 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return client.getHostAddress();
    }

    /** What to do with a request: admit it, refuse it (for so many seconds), or ask the store (for so many). */
    private record Verdict(Kind kind, long retryAfterSeconds, int wanted) {
        enum Kind {
            ADMIT,
            REFUSE,
            ASK
        }
    }

    /**
     * What this process knows of one client's budget: requests it leased and may admit until
     * {@code leaseEnds}, a refusal until {@code refusedUntil}, and whether it is asking for a lease.
     * Times are {@code System.nanoTime} values (compared by difference).
     */
    private record Remembered(int leased, long leaseEnds, boolean refused, long refusedUntil, boolean asking) {

        static final Remembered NOTHING = new Remembered(0, 0, false, 0, false);
        static final Remembered ASKING = new Remembered(0, 0, false, 0, true);

        boolean hasLeaseAt(long now) {
            return leased > 0 && leaseEnds - now > 0;
        }

        boolean refusedAt(long now) {
            return refused && refusedUntil - now > 0;
        }

        boolean isIdleAt(long now) {
            return !asking && !hasLeaseAt(now) && !refusedAt(now);
        }

        Remembered orNullIfIdleAt(long now) {
            return isIdleAt(now) ? null : this;
        }

        Remembered usingOne() {
            return new Remembered(leased - 1, leaseEnds, refused, refusedUntil, asking);
        }

        Remembered doneAsking() {
            return new Remembered(leased, leaseEnds, refused, refusedUntil, false);
        }

        Remembered refusedUntil(long until) {
            return new Remembered(leased, leaseEnds, true, until, asking);
        }

        /**
         * {@code more} leased requests of the window ending at {@code ends}; a lease still live is of the
         * same window, and keeps its end.
         */
        Remembered leasing(int more, long ends, long now) {
            boolean live = hasLeaseAt(now);
            return new Remembered(live ? leased + more : more, live ? leaseEnds : ends, false, 0, asking);
        }
    }
}
