package guestlistbench;

import guestlist.bootstrap.crypto.Argon2PasswordHasher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reference (a): how many password hashes per second the configured hasher (Guestlist's own
 * {@link Argon2PasswordHasher}: Argon2id m=19 MiB t=2 p=1) computes on all cores, outside the
 * server: one thread per core, each hashing in a loop. Prints one line
 * {@code HASHRATE <hashes per second> <mean ms per hash> <threads>}.
 *
 * <p>{@code java -cp guestlist.jar:classes guestlistbench.HashRate SECONDS [THREADS [WARMUP_SECONDS]]}
 */
public final class HashRate {

    private HashRate() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        double warmup = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        Argon2PasswordHasher hasher = new Argon2PasswordHasher();
        // warm-up on every thread, as long as the server's scenarios warm up: the JIT compiles the
        // Blake2b/Argon2 loops (a cold JVM hashes several times slower)
        run(hasher, threads, warmup);
        double[] measured = run(hasher, threads, seconds);
        System.out.printf(java.util.Locale.ROOT, "HASHRATE %.2f %.2f %d%n", measured[0], measured[1], threads);
    }

    /** @return hashes per second, mean milliseconds per hash */
    private static double[] run(Argon2PasswordHasher hasher, int threads, double seconds) throws Exception {
        String password = "correct horse battery staple";
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong hashes = new AtomicLong();
        AtomicLong busyNanos = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                do {
                    long start = System.nanoTime();
                    hasher.hash(password);
                    busyNanos.addAndGet(System.nanoTime() - start);
                    hashes.incrementAndGet();
                } while (!stop.get());
            }, "hash-" + t);
            workers.add(worker);
        }
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long count = hashes.get();
        return new double[] {count / elapsed, count == 0 ? 0 : busyNanos.get() / 1e6 / count};
    }
}
