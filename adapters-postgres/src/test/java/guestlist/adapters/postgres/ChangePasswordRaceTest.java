package guestlist.adapters.postgres;

import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.ChangePasswordCommand;
import guestlist.application.port.in.LoginCommand;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.domain.account.LocalUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Password changes racing each other and log-ins, through the real services on the PostgreSQL
 * adapter, in two "processes" (a {@link PostgresPersistence} on a pool of its own each). The row
 * lock on the account settles them: whatever the timing, the account ends with one password and
 * only the session that the winning change opened.
 */
class ChangePasswordRaceTest {

    private TwoProcesses processes;
    private final JdbcClient sql = JdbcClient.create(TestDatabase.dataSource());
    private Services process;
    private Services otherProcess;
    private LocalUser alice;

    @BeforeEach
    void setUp() {
        processes = new TwoProcesses();
        process = processes.process;
        otherProcess = processes.otherProcess;
        alice = processes.member("alice", new ReversingPasswordHasher().hash(PASSWORD));
    }

    @AfterEach
    void closePools() {
        processes.close();
    }

    private static String newPassword(int i) {
        return "new passphrase number " + i;
    }

    private String changeFrom(Services services, String session, String newPassword) {
        return services.useCases
                .changePassword()
                .changePassword(ChangePasswordCommand.of(alice, session, newPassword, newPassword, PASSWORD, false));
    }

    private List<String> aliceSessionHashes() {
        return sql.sql("SELECT token_hash FROM login_token WHERE local_user_id = :id")
                .param("id", alice.id().value())
                .query(String.class)
                .list();
    }

    private boolean logsIn(String password) {
        try {
            process.useCases.login().login(new LoginCommand("alice", password, false));
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    @Test
    void changesFromEverySessionAtOnceHaveExactlyOneWinner() throws Exception {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sessions.add(process.login("alice"));
        }
        String[] winnersSession = new String[1];
        String[] winnersPassword = new String[1];

        Map<String, Long> outcomes = Race.run(20, i -> () -> {
            String fresh = changeFrom(i % 2 == 0 ? process : otherProcess, sessions.get(i), newPassword(i));
            winnersSession[0] = fresh;
            winnersPassword[0] = newPassword(i);
            return fresh;
        });

        // a loser either found its session ended under the lock, or (when it started after the
        // winner's commit) no longer had the right old password
        assertThat(outcomes.get(Race.WON)).as("%s", outcomes).isEqualTo(1L);
        assertThat(outcomes.keySet()).isSubsetOf(Race.WON, Reason.NOT_LOGGED_IN.name(), Reason.INCORRECT_LOGIN.name());
        assertThat(aliceSessionHashes()).as("only the winner's new session").hasSize(1);
        assertThat(process.useCases
                        .authenticate()
                        .authenticate(winnersSession[0])
                        .id())
                .isEqualTo(alice.id());
        assertThat(logsIn(winnersPassword[0])).isTrue();
        assertThat(logsIn(PASSWORD)).isFalse();
    }

    @Test
    void logInsWithTheOldPasswordRacingAChangeLeaveOnlyTheChangesSession() throws Exception {
        String session = process.login("alice");

        Map<String, Long> outcomes = Race.run(
                21,
                i -> i == 0
                        ? () -> changeFrom(process, session, newPassword(0))
                        : () -> (i % 2 == 0 ? process : otherProcess).login("alice"));

        assertThat(outcomes.get(Race.WON))
                .as("the change and the log-ins that came before it")
                .isPositive();
        assertThat(outcomes.keySet()).isSubsetOf(Race.WON, Reason.INCORRECT_LOGIN.name());
        assertThat(aliceSessionHashes())
                .as("a log-in before the change was ended by it; one after it was refused: %s", outcomes)
                .hasSize(1);
        assertThat(logsIn(newPassword(0))).isTrue();
    }
}
