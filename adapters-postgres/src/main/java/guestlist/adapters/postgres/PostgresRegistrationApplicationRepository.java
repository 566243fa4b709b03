package guestlist.adapters.postgres;

import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.application.ApplicationId;
import guestlist.domain.application.RegistrationApplication;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Applications in {@code registration_application}, one per account (a unique key). */
final class PostgresRegistrationApplicationRepository implements RegistrationApplicationRepository {

    private final JdbcClient jdbc;

    PostgresRegistrationApplicationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RegistrationApplication add(LocalUserId userId, String answer, Instant publishedAt) {
        return UniqueViolations.asAlreadyStored(
                "that account has an application already",
                () -> jdbc.sql("""
                        INSERT INTO registration_application (local_user_id, answer, published_at)
                        VALUES (:userId, :answer, :publishedAt)
                        RETURNING\s""" + Rows.APPLICATION_COLUMNS)
                        .param("userId", userId.value())
                        .param("answer", answer)
                        .param("publishedAt", Timestamps.parameter(publishedAt))
                        .query(Rows::application)
                        .single());
    }

    @Override
    public Optional<RegistrationApplication> findById(ApplicationId id) {
        return jdbc.sql("SELECT " + Rows.APPLICATION_COLUMNS + " FROM registration_application WHERE id = :id")
                .param("id", id.value())
                .query(Rows::application)
                .optional();
    }

    @Override
    public Optional<RegistrationApplication> findByUserId(LocalUserId userId) {
        return jdbc.sql("SELECT " + Rows.APPLICATION_COLUMNS
                        + " FROM registration_application WHERE local_user_id = :userId")
                .param("userId", userId.value())
                .query(Rows::application)
                .optional();
    }

    @Override
    public void saveDecision(RegistrationApplication application) {
        jdbc.sql("""
                        UPDATE registration_application
                           SET admin_id = :adminId, deny_reason = :denyReason, updated_at = :updatedAt
                         WHERE id = :id""")
                .param("id", application.id().value())
                .param("adminId", application.adminId().map(LocalUserId::value).orElse(null), Types.BIGINT)
                .param("denyReason", application.denyReason().orElse(null), Types.VARCHAR)
                .param("updatedAt", Timestamps.parameter(application.updatedAt()))
                .update();
    }

    /** Keyset pagination on the id, oldest first; unread ones through their partial index. */
    @Override
    public List<RegistrationApplication> list(boolean unreadOnly, Optional<ApplicationId> afterId, int limit) {
        StringBuilder where = new StringBuilder(" WHERE true");
        if (unreadOnly) {
            where.append(" AND updated_at IS NULL");
        }
        if (afterId.isPresent()) {
            where.append(" AND id > :afterId");
        }
        JdbcClient.StatementSpec statement = jdbc.sql("SELECT " + Rows.APPLICATION_COLUMNS
                        + " FROM registration_application" + where + " ORDER BY id LIMIT :limit")
                .param("limit", limit);
        afterId.ifPresent(id -> statement.param("afterId", id.value()));
        return statement.query(Rows::application).list();
    }
}
