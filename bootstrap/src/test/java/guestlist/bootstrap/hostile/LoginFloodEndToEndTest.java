package guestlist.bootstrap.hostile;

import static guestlist.testsupport.Credentials.PASSWORD;
import static guestlist.testsupport.HttpApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import guestlist.adapters.rest.RestServer;
import guestlist.adapters.rest.http.Bulkhead;
import guestlist.application.port.out.PasswordHasher;
import guestlist.bootstrap.database.Database;
import guestlist.bootstrap.e2e.Harness;
import guestlist.bootstrap.e2e.TestServer;
import guestlist.testsupport.HttpApi.Answer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * A log-in flood starves nothing else (issue 12), over HTTP against the real wiring on PostgreSQL
 * with the rate limits off and the shipped bulkhead sizes: 200 log-ins in flight at once, the
 * invite list still answered while they are held, each log-in answered either {@code 200} or
 * {@code 503 service_unavailable} with {@code Retry-After} (exact totals: those that got a thread
 * and those next in line get in, every other one is refused after the wait bound; never anything
 * else), and a refused registration or password change writes nothing.
 *
 * <p>The wiring's password hasher is wrapped so that the test can hold every password check on a
 * gate: while it is shut, the log-ins that got a thread of the hash-bound bulkhead stay in the
 * middle of their hash, and every other one must wait, so the counts do not depend on how fast the
 * machine hashes.
 */
class LoginFloodEndToEndTest {

    private static final int FLOOD = 200;
    private static final long SECONDS = 60;

    private static final AtomicReference<GatedHasher> HASHER = new AtomicReference<>();
    private static TestServer server;
    private static Harness h;
    private static Bulkhead.Settings bulkhead;

    private final ExecutorService clients = Executors.newFixedThreadPool(FLOOD);

    @BeforeAll
    static void start() {
        server = TestServer.start(
                Map.of(),
                context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String name) {
                        if (bean instanceof PasswordHasher hasher && !(bean instanceof GatedHasher)) {
                            GatedHasher gated = new GatedHasher(hasher);
                            assertThat(HASHER.getAndSet(gated))
                                    .as("one password hasher in the wiring")
                                    .isNull();
                            return gated;
                        }
                        return bean;
                    }
                }));
        h = new Harness(server, "fl");
        h.site("registration_mode", "require_invitation");
        bulkhead = server.bean(RestServer.class).hashBoundRequests().settings();
        assertThat(bulkhead)
                .as("the shipped sizes")
                .isEqualTo(Bulkhead.Settings.forHashing(Runtime.getRuntime().availableProcessors()));
        assertThat(bulkhead.maxWaiting()).as("room for the whole flood to wait").isGreaterThanOrEqualTo(FLOOD);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void openAndStopClients() {
        HASHER.get().open();
        clients.shutdownNow();
    }

    @Test
    void twoHundredLogInsInFlightLeaveTheInviteListAnsweredAndEachIsAnswered200Or503WithRetryAfter() throws Exception {
        Harness.Member member = h.member();
        String invite = h.createInvite(member.token()).path("token").asText();
        long sessionsBefore = sessionsOf(member);
        GatedHasher gate = HASHER.get();
        gate.shut();

        List<Future<Answer>> logIns = logIns(member, FLOOD);
        gate.awaitHeld(bulkhead.threads());

        // every thread of the bulkhead is in the middle of a hash and the rest of the flood waits:
        // the invite list is answered all the same, again and again
        for (int i = 0; i < 20; i++) {
            Answer list = h.listPage(member.token(), "");
            assertThat(list.status()).as("%s", list).isEqualTo(200);
            assertThat(list.body().path("items").get(0).path("token").asText()).isEqualTo(invite);
        }
        assertThat(gate.held()).as("no log-in has finished its hash").isEqualTo(bulkhead.threads());
        awaitNoConnectionInUse();

        int admitted = bulkhead.threads() + bulkhead.nextInLine();
        int refused = FLOOD - admitted;
        List<Answer> early = awaitAnswered(logIns, refused);
        assertThat(early).as("answered while the hashes are held").allSatisfy(this::assertBusy);
        assertThat(gate.entered()).as("refused log-ins never reach the hasher").isEqualTo(bulkhead.threads());

        gate.open();
        List<Answer> all = awaitAnswered(logIns, FLOOD);
        assertThat(all.stream().filter(answer -> answer.status() == 200))
                .as("the log-ins held mid-hash and those next in line")
                .hasSize(admitted)
                .allSatisfy(answer -> assertThat(answer.jwt()).isNotBlank());
        assertThat(all.stream().filter(answer -> answer.status() == 503)).hasSize(refused);
        assertThat(sessionsOf(member))
                .as("a session for each log-in that got in, none for the refused")
                .isEqualTo(sessionsBefore + admitted);
    }

    @Test
    void aRefusedRegistrationOrPasswordChangeWritesNothingAndSaysWhenToRetry() throws Exception {
        Harness.Member member = h.member();
        String invite =
                h.createInvite(member.token(), "max_uses", 3).path("token").asText();
        GatedHasher gate = HASHER.get();
        gate.shut();
        int admitted = bulkhead.threads() + bulkhead.nextInLine();
        List<Future<Answer>> held = logIns(member, admitted);
        gate.awaitHeld(bulkhead.threads());
        awaitWaiting(bulkhead.nextInLine());

        // both wait for the bound at once, behind the held log-ins
        String newcomer = h.newName();
        Future<Answer> register =
                clients.submit(() -> h.register(Harness.form(newcomer).put("token", invite)));
        Future<Answer> change = clients.submit(() -> h.api()
                .put(
                        "/account/auth/change_password",
                        object(
                                "new_password", "a new password 123",
                                "new_password_verify", "a new password 123",
                                "old_password", PASSWORD),
                        member.token()));

        assertBusy(register.get(SECONDS, TimeUnit.SECONDS));
        assertBusy(change.get(SECONDS, TimeUnit.SECONDS));
        assertThat(gate.entered()).isEqualTo(bulkhead.threads());
        gate.open();
        assertThat(awaitAnswered(held, admitted))
                .allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));

        assertThat(h.accountsNamed(newcomer))
                .as("the refused registration's account")
                .isZero();
        assertThat(h.listed(member.token(), invite))
                .as("the invite the refused registration gave")
                .hasValueSatisfying(
                        listed -> assertThat(listed.path("uses_count").asInt()).isZero());
        assertThat(h.me(member.token()).path("id").asLong())
                .as("the session the refused change would have ended")
                .isEqualTo(member.id());
        assertThat(h.login(member.name(), PASSWORD))
                .as("the old password still works")
                .isNotBlank();
    }

    private void assertBusy(Answer answer) {
        Harness.assertError(answer, 503, "service_unavailable");
        assertThat(answer.header("Retry-After")).as("%s", answer).contains(Long.toString(bulkhead.retryAfterSeconds()));
    }

    private List<Future<Answer>> logIns(Harness.Member member, int n) {
        List<Future<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(clients.submit(() -> h.loginAnswer(member.name(), PASSWORD)));
        }
        return answers;
    }

    /** Waits until {@code n} hash-bound requests wait for a thread of the bulkhead. */
    private static void awaitWaiting(int n) throws InterruptedException {
        Bulkhead requests = server.bean(RestServer.class).hashBoundRequests();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (requests.waiting() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(requests.waiting()).as("waiting next in line").isEqualTo(n);
    }

    private static long sessionsOf(Harness.Member member) {
        return server.count("SELECT count(*) FROM login_token WHERE local_user_id = ?", member.id());
    }

    /**
     * The database pool lends no connection while the hashes are held: a log-in hashes outside its
     * transactions, so a flood of them cannot starve the pool either.
     */
    private static void awaitNoConnectionInUse() throws SQLException, InterruptedException {
        HikariDataSource pool = server.bean(Database.class).dataSource().unwrap(HikariDataSource.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (pool.getHikariPoolMXBean().getActiveConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(pool.getHikariPoolMXBean().getActiveConnections())
                .as("connections in use while every hash-bound thread is mid-hash")
                .isZero();
    }

    /** Waits until {@code n} of the answers have come, and returns those (never more than {@code n}). */
    private static List<Answer> awaitAnswered(List<Future<Answer>> answers, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (answers.stream().filter(Future::isDone).count() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
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

    /** The wiring's hasher, with every password check held while the gate is shut. */
    static final class GatedHasher implements PasswordHasher, AutoCloseable {

        private final PasswordHasher delegate;
        private final AtomicInteger entered = new AtomicInteger();
        private final AtomicInteger held = new AtomicInteger();
        private volatile CountDownLatch gate = new CountDownLatch(0);

        GatedHasher(PasswordHasher delegate) {
            this.delegate = delegate;
        }

        void shut() {
            entered.set(0);
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }

        int entered() {
            return entered.get();
        }

        int held() {
            return held.get();
        }

        void awaitHeld(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            while (held.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(held.get()).as("password checks held").isEqualTo(n);
        }

        @Override
        public String hash(String password) {
            return delegate.hash(password);
        }

        @Override
        public boolean matches(String password, String hash) {
            entered.incrementAndGet();
            held.incrementAndGet();
            try {
                if (!gate.await(SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the gate stayed shut");
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            } finally {
                held.decrementAndGet();
            }
            return delegate.matches(password, hash);
        }

        /** Spring calls this as the wrapped bean's destroy method: it closes the hashing pool. */
        @Override
        public void close() throws Exception {
            if (delegate instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
