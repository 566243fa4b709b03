package guestlist.adapters.rest.http;

import guestlist.domain.ErrorCode;
import guestlist.domain.GuestlistException;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool on which the use cases that hash passwords (register, log-in) run, one thread
 * per core: however many such requests arrive, no more slow hashes run at once than there are
 * cores, and the other requests keep their worker threads. The queue holds at most as many tasks
 * as there are worker threads waiting on it; a task that finds it full (or the pool stopped) is
 * refused with {@code 503 service_unavailable}.
 */
public final class PasswordWork implements AutoCloseable {

    private final ThreadPoolExecutor pool;

    public PasswordWork(int threads, int queueCapacity) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "guestlist-password-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), factory, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code work} on the pool and waits for it; its exceptions reach the caller unchanged. */
    public <T> T call(Callable<T> work) throws Exception {
        Future<T> result;
        try {
            result = pool.submit(work);
        } catch (RejectedExecutionException busy) {
            throw new GuestlistException(ErrorCode.SERVICE_UNAVAILABLE, "the server is busy; try again in a moment");
        }
        try {
            return result.get();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw failed;
        } catch (InterruptedException interrupted) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw interrupted;
        }
    }

    /** Stops taking work; waits up to {@code timeoutMillis} for what runs. */
    public void shutdown(long timeoutMillis) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
