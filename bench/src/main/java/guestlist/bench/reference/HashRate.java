package guestlist.bench.reference;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The child process of reference (a), run with the product jar first on its class path: how many
 * password hashes per second Guestlist's own hasher (the class named by the first argument, with
 * its {@code String hash(String)}, found at run time so that the benchmark compiles against
 * nothing of the product) computes on all cores, outside the server: one thread per core, each
 * hashing in a loop. Prints one line
 * {@code HASHRATE <hashes per second> <mean ms per hash> <threads> <one hash>}.
 *
 * <p>{@code java -cp guestlist.jar:guestlist-bench.jar guestlist.bench.reference.HashRate
 * HASHER_CLASS SECONDS THREADS WARMUP_SECONDS}
 */
public final class HashRate {

    private HashRate() {}

    public static void main(String[] args) throws Exception {
        UnaryOperator<String> hasher = hasher(args[0]);
        double seconds = Double.parseDouble(args[1]);
        int threads = Integer.parseInt(args[2]);
        double warmup = Double.parseDouble(args[3]);
        // warm-up on every thread, as long as the server's scenarios warm up: the JIT compiles the
        // Blake2b/Argon2 loops (a cold JVM hashes several times slower)
        run(hasher, threads, warmup);
        double[] measured = run(hasher, threads, seconds);
        System.out.printf(
                Locale.ROOT,
                "HASHRATE %.2f %.2f %d %s%n",
                measured[0],
                measured[1],
                threads,
                hasher.apply("a sample password"));
    }

    private static UnaryOperator<String> hasher(String className) throws ReflectiveOperationException {
        Object hasher = Class.forName(className).getDeclaredConstructor().newInstance();
        Method hash = hasher.getClass().getMethod("hash", String.class);
        return password -> {
            try {
                return (String) hash.invoke(hasher, password);
            } catch (InvocationTargetException failed) {
                throw new IllegalStateException(failed.getCause());
            } catch (IllegalAccessException failed) {
                throw new IllegalStateException(failed);
            }
        };
    }

    /** @return hashes per second, mean milliseconds per hash */
    private static double[] run(UnaryOperator<String> hasher, int threads, double seconds) throws Exception {
        String password = "correct horse battery staple";
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong hashes = new AtomicLong();
        AtomicLong busyNanos = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(
                    () -> {
                        do {
                            long start = System.nanoTime();
                            if (hasher.apply(password).isEmpty()) {
                                throw new IllegalStateException("the hasher returned an empty hash");
                            }
                            busyNanos.addAndGet(System.nanoTime() - start);
                            hashes.incrementAndGet();
                        } while (!stop.get());
                    },
                    "hash-" + t);
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
