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

    private final PasswordHasher delegate;
    private final ThreadPoolExecutor pool;

    public BoundedPasswordHasher(PasswordHasher delegate, int threads, int queueCapacity) {
        this.delegate = delegate;
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

    private <T> T run(Callable<T> work) {
        try {
            return pool.submit(work).get();
        } catch (RejectedExecutionException busy) {
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
