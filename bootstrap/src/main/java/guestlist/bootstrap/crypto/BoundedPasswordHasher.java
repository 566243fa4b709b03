package guestlist.bootstrap.crypto;

import guestlist.application.port.out.PasswordHasher;
import guestlist.application.port.out.Unavailable;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a slow hasher on a pool of its own, one thread per core, with a bounded queue: the hash
 * never runs on an HTTP I/O thread, never takes more cores than the machine has, and a caller
 * finds it full ({@link Unavailable}) rather than queueing without end. Over HTTP, the REST
 * adapter's hash-bound bulkhead admits a flood of log-ins before it gets here (at most twice as
 * many requests as this pool has threads hash at once); the queue bounds the other callers.
 */
public final class BoundedPasswordHasher implements PasswordHasher, AutoCloseable {

    /** Told how the queue serves the hashes, for the metrics; called on the hashing and the asking threads. */
    public interface QueueObserver {

        /** A hash waited {@code nanos} in the queue and now runs. */
        void started(long nanos);

        /** A hash was turned away: the queue was full. */
        void rejected();

        QueueObserver NONE = new QueueObserver() {
            @Override
            public void started(long nanos) {}

            @Override
            public void rejected() {}
        };
    }

    private final PasswordHasher delegate;
    private final ThreadPoolExecutor pool;
    private final QueueObserver observer;

    public BoundedPasswordHasher(PasswordHasher delegate, int threads, int queueCapacity) {
        this(delegate, threads, queueCapacity, QueueObserver.NONE);
    }

    /** As above, telling {@code observer} each hash's wait in the queue and each one turned away. */
    public BoundedPasswordHasher(PasswordHasher delegate, int threads, int queueCapacity, QueueObserver observer) {
        this.delegate = delegate;
        this.observer = observer;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity),
                work -> {
                    Thread thread = new Thread(work, "password-hash-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public String hash(String password) {
        return run(() -> delegate.hash(password));
    }

    @Override
    public boolean matches(String password, String hash) {
        return run(() -> delegate.matches(password, hash));
    }

    /** Hashes waiting for a thread now. */
    public int queued() {
        return pool.getQueue().size();
    }

    /** Hashes running now. */
    public int running() {
        return pool.getActiveCount();
    }

    private <T> T run(Callable<T> work) {
        long submitted = System.nanoTime();
        try {
            return pool.submit(() -> {
                        observer.started(System.nanoTime() - submitted);
                        return work.call();
                    })
                    .get();
        } catch (RejectedExecutionException busy) {
            observer.rejected();
            throw new Unavailable("the server is busy, try again shortly");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Unavailable("the server is stopping");
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("password hashing failed", failed.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
