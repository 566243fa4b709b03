package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import guestlist.testsupport.Credentials;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a copy of the tables would give away: neither passwords nor session tokens. */
class SecretsAtRestTest {

    private HikariDataSource pool;
    private Services process;
    private final JdbcClient sql = JdbcClient.create(TestDatabase.dataSource());

    @BeforeEach
    void setUp() {
        TestDatabase.reset();
        pool = new PoolSettings(TestDatabase.jdbcUrl(), TestDatabase.USER, null, 2).open();
        process = new Services(new PostgresPersistence(pool));
        var persistence = process.persistence;
        persistence
                .transactions()
                .run(() -> persistence
                        .sites()
                        .save(persistence
                                .sites()
                                .get()
                                .edit(new SiteChanges(
                                        Optional.empty(),
                                        Optional.of(RegistrationMode.OPEN),
                                        Optional.empty(),
                                        Optional.empty()))));
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    /** Every row of a table as one text, all columns included. */
    private List<String> rows(String table) {
        return sql.sql("SELECT t::text FROM " + table + " t")
                .query(String.class)
                .list();
    }

    @Test
    void neitherPasswordNorSessionTokensAreStored() {
        String registrationToken = process.register("alice", Optional.of("alice@example.com"), Optional.empty())
                .sessionToken()
                .orElseThrow();
        String loginToken = process.login("alice@example.com");

        List<String> users = rows("local_user");
        List<String> sessions = rows("login_token");

        assertThat(users).hasSize(1);
        assertThat(users.get(0))
                .contains("alice@example.com", new ReversingPasswordHasher().hash(Credentials.PASSWORD));
        assertThat(sessions).hasSize(2);
        for (String row : concat(users, sessions)) {
            assertThat(row).doesNotContain(Credentials.PASSWORD, registrationToken, loginToken);
        }
        assertThat(process.useCases
                        .authenticate()
                        .authenticate(loginToken)
                        .name()
                        .value())
                .isEqualTo("alice");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
