package guestlist.adapters.rest.http;

import guestlist.adapters.rest.error.ErrorResponses;
import guestlist.adapters.rest.error.ErrorTable;
import guestlist.adapters.rest.error.RequestError;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
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
 * <p>What this process does so that the store is asked as little as possible, never on an I/O
 * thread, and never by two requests of one client at once:
 *
 * <ul>
 *   <li><b>Refusals are remembered.</b> When the store says a budget is spent, this process refuses
 *       that client until the window ends without asking again, straight from the I/O thread: a
 *       flood from a refused address costs one short transaction per process and window, then no
 *       database work and no worker thread at all. Nothing is admitted by it: budgets only shrink
 *       between refills.
 *   <li><b>One question per client at a time.</b> Requests of a client that arrive while the store
 *       is being asked for it wait, holding no thread, and are answered together by the next
 *       question, which takes as many requests as are waiting: a burst from one address is a few
 *       transactions, not one per request queueing on the address's row, each holding a connection.
 *   <li><b>Leases.</b> For large limits a process takes a lease of several requests at once
 *       ({@code 1/}{@value #LEASE_SHARE} of the limit, at most {@value #MAX_LEASE}; a lease of one below
 *       {@code 200} per minute, so the default limits ask the store for every admitted request)
 *       and admits the rest of the lease from memory. Leased requests were taken from the shared
 *       budget before they are admitted and expire with the window they were taken from, so no
 *       window ever admits more than {@code perMinute} across all processes. When half a lease is
 *       left, the next one is asked for in the background, so that the requests of a busy client
 *       do not all wait for the store each time a lease runs out. What a process leased and did not
 *       use is lost with the window: each other process may see up to a lease and a half less.
 * </ul>
 *
 * <p>Memory is bounded: at most about {@code maxTracked} clients are remembered (only those with a
 * live refusal or lease); when there are more, knowledge is simply forgotten (a forgotten refusal
 * costs one more question to the store, a forgotten lease up to a lease fewer admitted). A new
 * client is never refused for lack of room: its budget is in the store, and any number of addresses
 * cannot lock anyone else out.
 */
public final class RateLimiter {

    /** The share of the limit a lease takes: one in this many. */
    static final int LEASE_SHARE = 100;
    /** The largest lease. */
    static final int MAX_LEASE = 1_000;
    /** The smallest lease topped up before it is spent. */
    static final int MIN_TOP_UP_LEASE = 4;

    private static final Verdict ADMIT = new Verdict(true, 0, false);
    /** Admitted from a lease that has just fallen to half: time to ask for the next one. */
    private static final Verdict ADMIT_AND_TOP_UP = new Verdict(true, 0, true);

    private final String name;
    private final int perMinute;
    private final int lease;
    private final RateLimitStore store;
    private final ClientAddress clients;
    private final int maxTracked;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Question> asking = new ConcurrentHashMap<>();
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
     * {@code next} behind this limit. A request this process can decide from memory (a live refusal
     * or lease) is decided on the I/O thread. Any other waits, holding no thread, for the store's
     * answer (asked on a worker thread), and then goes on, or is refused, on its I/O thread again.
     */
    public HttpHandler guarding(HttpHandler next) {
        if (perMinute == 0) {
            return next;
        }
        return exchange -> {
            String key = keyOf(clients.of(exchange));
            Verdict known = fromMemory(key, nanoTime.getAsLong());
            if (known != null && known.topUp()) {
                topUp(key, exchange.getConnection().getWorker());
            }
            if (known != null) {
                answer(known, next).handleRequest(exchange);
                return;
            }
            exchange.dispatch(
                    SameThreadExecutor.INSTANCE,
                    () -> ask(key, exchange.getConnection().getWorker(), new Waiter() {
                        @Override
                        public void decided(Verdict verdict) {
                            exchange.dispatch(exchange.getIoThread(), answer(verdict, next));
                        }

                        @Override
                        public void failed(RuntimeException failure) {
                            exchange.dispatch(exchange.getIoThread(), onIoThread -> {
                                ErrorResponses.Answer answer = ErrorResponses.answer(onIoThread, failure);
                                ErrorResponses.send(onIoThread, answer.error(), answer.message());
                            });
                        }
                    }));
        };
    }

    private HttpHandler answer(Verdict verdict, HttpHandler next) {
        return verdict.admitted() ? next : exchange -> refuse(exchange, verdict.retryAfterSeconds());
    }

    /**
     * The same decision for one request of {@code client}, on the calling thread, which may block on
     * the store, or on another thread's question to it.
     *
     * @return empty when the request may pass, else how many seconds the client should wait
     */
    public OptionalLong acquire(InetAddress client) {
        if (perMinute == 0) {
            return OptionalLong.empty();
        }
        String key = keyOf(client);
        Verdict verdict = fromMemory(key, nanoTime.getAsLong());
        if (verdict != null && verdict.topUp()) {
            topUp(key, Runnable::run);
        }
        if (verdict == null) {
            CompletableFuture<Verdict> answered = new CompletableFuture<>();
            ask(key, Runnable::run, new Waiter() {
                @Override
                public void decided(Verdict decided) {
                    answered.complete(decided);
                }

                @Override
                public void failed(RuntimeException failure) {
                    answered.completeExceptionally(failure);
                }
            });
            try {
                verdict = answered.join();
            } catch (CompletionException failed) {
                throw (RuntimeException) failed.getCause();
            }
        }
        return verdict.admitted() ? OptionalLong.empty() : OptionalLong.of(verdict.retryAfterSeconds());
    }

    /** How many clients this process remembers now, or is asking the store for (the memory bound, for tests and metrics). */
    public int trackedClients() {
        return remembered.size() + asking.size();
    }

    /** How many requests of {@code client} wait for the store's answer to another's question (for tests). */
    int waiting(InetAddress client) {
        Question question = asking.get(keyOf(client));
        return question == null ? 0 : question.waitingCount();
    }

    /** A live lease (one request of it used) or refusal; null when the store must be asked. */
    private Verdict fromMemory(String key, long now) {
        if (!remembered.containsKey(key)) {
            return null; // the common case under small limits: nothing remembered, nothing to lock
        }
        Verdict[] verdict = new Verdict[1];
        remembered.computeIfPresent(key, (ignored, known) -> {
            if (known.hasLeaseAt(now)) {
                verdict[0] = lease >= MIN_TOP_UP_LEASE && known.leased() - 1 == lease / 2 ? ADMIT_AND_TOP_UP : ADMIT;
                return known.usingOne().orNullIfIdleAt(now);
            }
            if (known.refusedAt(now)) {
                verdict[0] = new Verdict(false, secondsUntil(known.refusedUntil() - now), false);
                return known;
            }
            return null; // nothing live: forget it
        });
        return verdict[0];
    }

    /**
     * Has {@code waiter} decided by the store: it joins the question being asked for {@code key}, or
     * asks one itself on {@code executor}.
     */
    private void ask(String key, Executor executor, Waiter waiter) {
        while (true) {
            Question current = asking.get(key);
            if (current != null && current.join(waiter)) {
                return;
            }
            if (current != null) {
                // that question has just ended, and may have left a lease or a refusal behind
                Verdict known = fromMemory(key, nanoTime.getAsLong());
                if (known != null) {
                    waiter.decided(known);
                    return;
                }
                continue;
            }
            Question mine = new Question(key);
            mine.join(waiter);
            if (asking.putIfAbsent(key, mine) == null) {
                askOn(executor, mine, false);
                return;
            }
        }
    }

    /**
     * Asks for the next lease of {@code key} before the one in hand runs out, unless a question is
     * being asked anyway: requests go on being admitted from the rest of the lease meanwhile, instead
     * of all waiting for the store when it is spent.
     */
    private void topUp(String key, Executor executor) {
        Question mine = new Question(key);
        if (asking.putIfAbsent(key, mine) == null) {
            askOn(executor, mine, true);
        }
    }

    private void askOn(Executor executor, Question question, boolean topUp) {
        try {
            executor.execute(() -> askUntilNobodyWaits(question, topUp));
        } catch (RuntimeException notTaken) {
            // the worker pool is stopping: nobody may wait for an answer that never comes
            for (Waiter stranded : question.endNow()) {
                stranded.failed(notTaken);
            }
        }
    }

    /**
     * Asks the store for everyone waiting on {@code question}, again and again while more come, then
     * ends the question. Each round takes from the store as many requests as are waiting (plus the
     * rest of a lease) in one call; a top-up's first round takes a whole lease, waiters or not.
     */
    private void askUntilNobodyWaits(Question question, boolean topUp) {
        String key = question.key;
        List<Waiter> undecided = List.of();
        boolean toppingUp = topUp;
        try {
            while (true) {
                List<Waiter> waiting = toppingUp ? question.take() : question.takeOrEnd();
                if (waiting.isEmpty() && !toppingUp) {
                    return;
                }
                long now = nanoTime.getAsLong();
                List<Waiter> needStore = new ArrayList<>(waiting.size());
                for (Waiter waiter : waiting) {
                    Verdict known = fromMemory(key, now);
                    if (known == null) {
                        needStore.add(waiter);
                    } else {
                        waiter.decided(known);
                    }
                }
                if (needStore.isEmpty() && !toppingUp) {
                    continue;
                }
                undecided = needStore;
                int wanted = needStore.size() + (toppingUp ? lease : lease - 1);
                toppingUp = false;
                RateLimitStore.Grant grant = store.take(name + "|" + key, perMinute, wanted);
                int admitted = Math.min(grant.taken(), needStore.size());
                remember(key, grant, wanted, admitted, nanoTime.getAsLong());
                Verdict refused =
                        new Verdict(false, secondsUntil(grant.untilRefill().toNanos()), false);
                for (int i = 0; i < needStore.size(); i++) {
                    needStore.get(i).decided(i < admitted ? ADMIT : refused);
                }
                undecided = List.of();
            }
        } catch (RuntimeException failure) {
            for (Waiter waiter : undecided) {
                waiter.failed(failure);
            }
            for (Waiter waiter : question.endNow()) {
                waiter.failed(failure);
            }
        }
    }

    /** What a grant leaves this process to remember: the rest of a lease, and that the budget is spent. */
    private void remember(String key, RateLimitStore.Grant grant, int wanted, int admitted, long now) {
        int leftover = grant.taken() - admitted;
        boolean spent = grant.taken() < wanted;
        if (leftover == 0 && !spent) {
            return;
        }
        long refillAt = now + grant.untilRefill().toNanos();
        remembered.compute(key, (ignored, current) -> {
            Remembered known = current == null ? Remembered.NOTHING : current;
            if (leftover > 0) {
                known = known.leasing(leftover, refillAt, now);
            }
            if (spent) {
                known = known.refusedUntil(refillAt);
            }
            return known.orNullIfIdleAt(now);
        });
        forgetIfFull(now);
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

    private static void refuse(HttpServerExchange exchange, long seconds) {
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

    /**
     * Whether a request may pass, and if not, for how many seconds the client should wait; {@code
     * topUp}: admitted from a lease that has just fallen to half.
     */
    private record Verdict(boolean admitted, long retryAfterSeconds, boolean topUp) {}

    /** A request waiting for the store's answer. */
    private interface Waiter {
        void decided(Verdict verdict);

        void failed(RuntimeException failure);
    }

    /** The requests of one client waiting for the store while one question for them is asked at a time. */
    private final class Question {

        private final String key;
        private final List<Waiter> waiting = new ArrayList<>();
        private boolean ended;

        Question(String key) {
            this.key = key;
        }

        /** Adds a waiter; false when the question has ended (the caller looks again). */
        synchronized boolean join(Waiter waiter) {
            if (ended) {
                return false;
            }
            waiting.add(waiter);
            return true;
        }

        /** Those waiting now, maybe nobody. */
        synchronized List<Waiter> take() {
            List<Waiter> taken = List.copyOf(waiting);
            waiting.clear();
            return taken;
        }

        /** Those waiting now; when nobody waits, the question ends (and leaves the map) instead. */
        synchronized List<Waiter> takeOrEnd() {
            if (waiting.isEmpty()) {
                ended = true;
                asking.remove(key, this);
                return List.of();
            }
            List<Waiter> taken = List.copyOf(waiting);
            waiting.clear();
            return taken;
        }

        synchronized int waitingCount() {
            return waiting.size();
        }

        /** Ends the question at once: those still waiting. */
        synchronized List<Waiter> endNow() {
            ended = true;
            asking.remove(key, this);
            List<Waiter> taken = List.copyOf(waiting);
            waiting.clear();
            return taken;
        }
    }

    /**
     * What this process knows of one client's budget: requests it leased and may admit until
     * {@code leaseEnds}, and a refusal until {@code refusedUntil}. Times are {@code System.nanoTime}
     * values (compared by difference).
     */
    private record Remembered(int leased, long leaseEnds, boolean refused, long refusedUntil) {

        static final Remembered NOTHING = new Remembered(0, 0, false, 0);

        boolean hasLeaseAt(long now) {
            return leased > 0 && leaseEnds - now > 0;
        }

        boolean refusedAt(long now) {
            return refused && refusedUntil - now > 0;
        }

        boolean isIdleAt(long now) {
            return !hasLeaseAt(now) && !refusedAt(now);
        }

        Remembered orNullIfIdleAt(long now) {
            return isIdleAt(now) ? null : this;
        }

        Remembered usingOne() {
            return new Remembered(leased - 1, leaseEnds, refused, refusedUntil);
        }

        Remembered refusedUntil(long until) {
            return new Remembered(leased, leaseEnds, true, until);
        }

        /**
         * {@code more} leased requests of the window ending at {@code ends}; a lease still live is of the
         * same window, and keeps its end.
         */
        Remembered leasing(int more, long ends, long now) {
            boolean live = hasLeaseAt(now);
            return new Remembered(live ? leased + more : more, live ? leaseEnds : ends, refused, refusedUntil);
        }
    }
}
