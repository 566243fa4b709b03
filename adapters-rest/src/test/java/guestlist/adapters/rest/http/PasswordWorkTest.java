package guestlist.adapters.rest.http;

import guestlist.domain.ErrorCode;
import guestlist.domain.GuestlistException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordWorkTest {

    @Test
    void workRunsOnThePoolAndItsResultComesBack() throws Exception {
        try (PasswordWork pool = new PasswordWork(1, 1)) {
            assertThat(pool.call(() -> Thread.currentThread().getName())).isEqualTo("guestlist-password-1");
        }
    }

    @Test
    void exceptionsReachTheCallerUnwrapped() {
        try (PasswordWork pool = new PasswordWork(1, 1)) {
            assertThatThrownBy(() -> pool.call(() -> {
                throw new GuestlistException(ErrorCode.INCORRECT_LOGIN, "no");
            })).isInstanceOf(GuestlistException.class).hasMessage("no");
            assertThatThrownBy(() -> pool.call(() -> {
                throw new IOException("checked");
            })).isInstanceOf(IOException.class).hasMessage("checked");
        }
    }

    @Test
    void aFullQueueIsServiceUnavailable() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (PasswordWork pool = new PasswordWork(1, 1)) {
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> call(pool, release));
            CompletableFuture<Object> queued = CompletableFuture.supplyAsync(() -> call(pool, release));
            Thread.sleep(200);

            assertThatThrownBy(() -> pool.call(() -> "third"))
                    .isInstanceOfSatisfying(GuestlistException.class,
                            refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
            release.countDown();
            assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("done");
            assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        }
    }

    private static Object call(PasswordWork pool, CountDownLatch release) {
        try {
            return pool.call(() -> {
                release.await(5, TimeUnit.SECONDS);
                return "done";
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
