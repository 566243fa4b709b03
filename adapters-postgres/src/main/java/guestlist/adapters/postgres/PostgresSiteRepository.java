package guestlist.adapters.postgres;

import guestlist.application.port.out.SiteRepository;
import guestlist.domain.site.LocalSite;
import java.sql.Types;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The one row of {@code local_site}, put there by the first migration. */
final class PostgresSiteRepository implements SiteRepository {

    private final JdbcClient jdbc;

    PostgresSiteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public LocalSite get() {
        return theRow("");
    }

    /** {@code FOR NO KEY UPDATE}: a second locker waits until the first one's transaction ends. */
    @Override
    public LocalSite lock() {
        return theRow(" FOR NO KEY UPDATE");
    }

    private LocalSite theRow(String lock) {
        return jdbc.sql("SELECT " + Rows.SITE_COLUMNS + " FROM local_site ORDER BY id LIMIT 1" + lock)
                .query(Rows::site)
                .optional()
                .orElseThrow(
                        () -> new IllegalStateException("the local_site row is missing: were the migrations run?"));
    }

    /**
     * Writes the settings (name, mode, question, cap, the invite quotas); the id and creation time
     * stay as they are.
     */
    @Override
    public LocalSite save(LocalSite site) {
        return jdbc.sql("""
                        UPDATE local_site
                           SET name = :name,
                               registration_mode = :mode,
                               application_question = :question,
                               max_invites_per_user_allowed = :cap,
                               invite_min_account_age_hours = :minAgeHours,
                               invites_per_user_per_day = :perUserPerDay,
                               invite_signups_per_day = :signupsPerDay,
                               invites_skip_application = :skipApplication
                         WHERE id = :id
                        RETURNING\s""" + Rows.SITE_COLUMNS)
                .param("id", site.id())
                .param("name", site.name())
                .param("mode", Rows.modeName(site.registrationMode()))
                .param("question", site.applicationQuestion().orElse(null), Types.VARCHAR)
                .param("cap", site.maxInvitesPerUser())
                .param("minAgeHours", site.inviteMinAccountAgeHours())
                .param("perUserPerDay", site.invitesPerUserPerDay())
                .param("signupsPerDay", site.inviteSignupsPerDay())
                .param("skipApplication", site.invitesSkipApplication())
                .query(Rows::site)
                .optional()
                .orElseThrow(() -> new IllegalStateException("no local_site row with id " + site.id()));
    }
}
