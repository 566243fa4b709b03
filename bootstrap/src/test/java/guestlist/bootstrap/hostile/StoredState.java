package guestlist.bootstrap.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.bootstrap.e2e.TestServer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the database holds, to show that a request wrote nothing: for each table of the API, its
 * row count and an MD5 of all its rows as text (so an update shows too, not only an insert or a
 * delete), read in one query.
 */
final class StoredState {

    static final List<String> TABLES = List.of(
            "local_user",
            "local_user_invite",
            "login_token",
            "registration_application",
            "local_site",
            "invite_branch",
            "moderation_log");

    private static final String QUERY = TABLES.stream()
            .map(table -> "SELECT '" + table + ": ' || count(*) || ' rows, md5 '"
                    + " || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM " + table + " t")
            .collect(Collectors.joining(" UNION ALL "));

    private StoredState() {}

    /** One line per table: {@code "local_user: 3 rows, md5 ..."}. Fails when a table is gone. */
    static List<String> of(TestServer server) {
        return server.rows(QUERY);
    }

    /** Every table of the API still exists (no SQL fragment in a request was ever run). */
    static void assertTablesExist(TestServer server) {
        assertThat(server.rows("SELECT tablename::text FROM pg_catalog.pg_tables WHERE schemaname = 'public'"))
                .containsAll(TABLES);
        assertThat(server.count("SELECT count(*) FROM local_site"))
                .as("the site row")
                .isEqualTo(1);
    }
}
