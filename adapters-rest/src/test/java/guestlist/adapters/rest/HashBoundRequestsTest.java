package guestlist.adapters.rest;

import static guestlist.testsupport.Credentials.ADMIN_NAME;
import static guestlist.testsupport.Credentials.ADMIN_PASSWORD;
import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.adapters.rest.http.Bulkhead;
import guestlist.application.UseCases;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.HttpApi.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoints that hash a password (register, log-in, password change) run on the hash-bound
 * bulkhead, never on the server's worker threads: while every bulkhead thread is held, the other
 * endpoints answer on the two workers, and the hash-bound requests that cannot start are answered
 * {@code 503 service_unavailable} with {@code Retry-After}, their use case never called. The use
 * cases are held on a gate, so the counts are exact whatever the machine's speed.
 */
class HashBoundRequestsTest {

    private static final int WORKERS = 2;
    private static final Bulkhead.Settings SMALL = new Bulkhead.Settings(2, Duration.ofMillis(500), 1, 3);
    private static final long SECONDS = 30;

    /** Where the hashing use cases ran, and a gate that holds them. */
    private static final class Gate {
        final List<String> threads = new CopyOnWriteArrayList<>();
        final AtomicInteger entered = new AtomicInteger();
        volatile CountDownLatch open = new CountDownLatch(0);

        <T> T pass(Supplier<T> useCase) {
            threads.add(Thread.currentThread().getName());
            entered.incrementAndGet();
            try {
                if (!open.await(SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the gate stayed shut");
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
            return useCase.get();
        }

        void shut() {
            open = new CountDownLatch(1);
            entered.set(0);
        }

        void awaitEntered(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            while (entered.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(entered.get()).as("use cases entered").isEqualTo(n);
        }
    }

    private final Gate gate = new Gate();
    private final List<String> siteThreads = new CopyOnWriteArrayList<>();
    private final ExecutorService clients = Executors.newCachedThreadPool();
    private TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.start(new RestSettings("127.0.0.1", 0, TestApi.PUBLIC_URL, 0, 0, WORKERS), SMALL, useCases -> {
            UseCases gated = TestApi.withHashing(
                            register -> command -> gate.pass(() -> register.register(command)),
                            login -> command -> gate.pass(() -> login.login(command)),
                            change -> command -> gate.pass(() -> change.changePassword(command)))
                    .apply(useCases);
            return TestApi.withGetSite(() -> {
                        siteThreads.add(Thread.currentThread().getName());
                        return gated.getSite().getSite();
                    })
                    .apply(gated);
        });
    }

    @AfterEach
    void stop() {
        gate.open.countDown();
        clients.shutdownNow();
        api.close();
    }

    @Test
    void registerLogInAndPasswordChangeRunOnTheBulkheadAndNothingElseDoes() {
        String token = api.registerOpen("hasher_1", null);
        String renewed = api.put(
                        "/account/auth/change_password",
                        HttpApi.object(
                                "new_password", "another password 1",
                                "new_password_verify", "another password 1",
                                "old_password", PASSWORD),
                        token)
                .jwt();
        assertThat(renewed).isNotBlank();
        assertThat(api.get("/site", null).status()).isEqualTo(200);

        // the admin's log-in of TestApi, the registration, the password change
        assertThat(gate.threads).hasSize(3).allMatch(name -> name.startsWith("hash-bound-"));
        assertThat(siteThreads).hasSize(1).noneMatch(name -> name.startsWith("hash-bound-"));
    }

    @Test
    void whileEveryBulkheadThreadIsHeldOtherEndpointsAnswerAndLateLogInsAre503WithRetryAfter() throws Exception {
        String member = api.registerOpen("member_1", null);
        gate.shut();
        int logIns = SMALL.threads() + SMALL.maxWaiting() + 4;
        List<Future<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < logIns; i++) {
            answers.add(clients.submit(() -> api.post(
                    "/account/auth/login",
                    HttpApi.object("username_or_email", ADMIN_NAME, "password", ADMIN_PASSWORD),
                    null)));
        }
        gate.awaitEntered(SMALL.threads());

        // every bulkhead thread is held: the workers still answer everything else, more times than they are
        for (int i = 0; i < 5 * WORKERS; i++) {
            assertThat(api.get("/account/invite/list", member).status()).isEqualTo(200);
            assertThat(api.get("/site", null).status()).isEqualTo(200);
            assertThat(api.get("/account", member).status()).isEqualTo(200);
        }
        int admitted = SMALL.threads() + SMALL.nextInLine();
        int refused = logIns - admitted;
        List<Answer> early = awaitAnswered(answers, refused);
        assertThat(early).hasSize(refused).allSatisfy(HashBoundRequestsTest::assertBusy);
        assertThat(gate.entered.get())
                .as("refused log-ins never reached the use case")
                .isEqualTo(SMALL.threads());
        assertThat(api.server.hashBoundRequests().refused()).isEqualTo(refused);

        gate.open.countDown();
        List<Answer> all = awaitAnswered(answers, logIns);
        assertThat(all.stream().filter(answer -> answer.status() == 200))
                .as("those held and the one next in line")
                .hasSize(admitted)
                .allSatisfy(answer -> assertThat(answer.jwt()).isNotBlank());
        assertThat(all.stream().filter(answer -> answer.status() == 503)).hasSize(refused);
    }

    @Test
    void aRefusedRegistrationOrPasswordChangeDoesNothing() throws Exception {
        String member = api.registerOpen("member_2", null);
        gate.shut();
        List<Future<Answer>> held = new ArrayList<>();
        int admitted = SMALL.threads() + SMALL.nextInLine();
        for (int i = 0; i < admitted; i++) {
            held.add(clients.submit(() -> api.post(
                    "/account/auth/login",
                    HttpApi.object("username_or_email", ADMIN_NAME, "password", ADMIN_PASSWORD),
                    null)));
        }
        gate.awaitEntered(SMALL.threads());
        awaitWaiting(SMALL.nextInLine());

        Answer register = api.post(
                "/account/auth/register",
                HttpApi.object("username", "refused_1", "password", PASSWORD, "password_verify", PASSWORD),
                null);
        Answer change = api.put(
                "/account/auth/change_password",
                HttpApi.object(
                        "new_password", "another password 2",
                        "new_password_verify", "another password 2",
                        "old_password", PASSWORD),
                member);

        assertBusy(register);
        assertBusy(change);
        assertThat(gate.entered.get()).isEqualTo(SMALL.threads());
        gate.open.countDown();
        assertThat(awaitAnswered(held, admitted))
                .allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        assertThat(api.store().transactions().read(() -> api.store().users().findCredentials("refused_1")))
                .as("the refused registration's account")
                .isEmpty();
        assertThat(api.get("/account", member).status())
                .as("the session the refused change would have ended")
                .isEqualTo(200);
        assertThat(api.login("member_2", PASSWORD)).isNotBlank();
    }

    private static void assertBusy(Answer answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(503);
        assertThat(answer.error()).isEqualTo("service_unavailable");
        assertThat(answer.message()).isNotBlank();
        assertThat(answer.header("Retry-After")).as("%s", answer).contains("1");
    }

    private void awaitWaiting(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (api.server.hashBoundRequests().waiting() < n && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(api.server.hashBoundRequests().waiting())
                .as("waiting next in line")
                .isEqualTo(n);
    }

    /** Waits until {@code n} of the answers have come, and returns those. */
    private static List<Answer> awaitAnswered(List<Future<Answer>> answers, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (answers.stream().filter(Future::isDone).count() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<Answer> done = new ArrayList<>();
        for (Future<Answer> answer : answers) {
            if (answer.isDone()) {
                done.add(answer.get());
            }
        }
        assertThat(done).as("answered").hasSize(n);
        return done;
    }
}
