package guestlist.adapters.postgres;

import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.EmailAddress;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import guestlist.domain.paging.PagePosition;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Accounts in {@code local_user}. Case-insensitive uniqueness is the unique indexes'
 * ({@code lower(name)}, {@code lower(email)}): they also settle concurrent registrations, whose
 * loser waits for the winner's commit and then fails on the index.
 */
final class PostgresUserRepository implements UserRepository {

    static final String NAME_INDEX = "local_user_name_lower_key";
    static final String EMAIL_INDEX = "local_user_email_lower_key";

    private static final String UNIQUE_VIOLATION = "23505";

    private final JdbcClient jdbc;

    PostgresUserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A unique violation aborts the PostgreSQL transaction; the {@link UseCaseFailure} thrown
     * for it makes the surrounding transaction roll back, which is all that can follow.
     */
    @Override
    public LocalUser add(NewUser user, String passwordHash) {
        try {
            return jdbc.sql("""
                            INSERT INTO local_user
                                (name, email, password_hash, admin, accepted_application, invited_by_local_user_id,
                                 published_at)
                            VALUES (:name, :email, :passwordHash, :admin, :accepted, :invitedBy, :publishedAt)
                            RETURNING\s""" + Rows.USER_COLUMNS)
                    .param("name", user.name().value())
                    .param("email", user.email().map(EmailAddress::value).orElse(null), Types.VARCHAR)
                    .param("passwordHash", passwordHash)
                    .param("admin", user.admin())
                    .param("accepted", user.acceptedApplication())
                    .param("invitedBy", user.invitedBy().map(LocalUserId::value).orElse(null), Types.BIGINT)
                    .param("publishedAt", Timestamps.parameter(user.publishedAt()))
                    .query(Rows::user)
                    .single();
        } catch (DataIntegrityViolationException violation) {
            throw alreadyTaken(violation);
        }
    }

    private static RuntimeException alreadyTaken(DataIntegrityViolationException violation) {
        Optional<ServerErrorMessage> server = serverMessage(violation);
        boolean unique = server.map(ServerErrorMessage::getSQLState)
                .map(UNIQUE_VIOLATION::equals)
                .orElse(false);
        String constraint = server.map(ServerErrorMessage::getConstraint).orElse("");
        if (unique && NAME_INDEX.equals(constraint)) {
            return new UseCaseFailure(UseCaseFailure.Reason.USERNAME_TAKEN, "that user name is taken", violation);
        }
        if (unique && EMAIL_INDEX.equals(constraint)) {
            return new UseCaseFailure(UseCaseFailure.Reason.EMAIL_TAKEN, "that e-mail address is taken", violation);
        }
        return violation;
    }

    private static Optional<ServerErrorMessage> serverMessage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return Optional.of(psql.getServerErrorMessage());
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<LocalUser> findById(LocalUserId id) {
        return jdbc.sql("SELECT " + Rows.USER_COLUMNS + " FROM local_user WHERE id = :id")
                .param("id", id.value())
                .query(Rows::user)
                .optional();
    }

    @Override
    public List<LocalUser> findAllById(Collection<LocalUserId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + Rows.USER_COLUMNS + " FROM local_user WHERE id IN (:ids)")
                .param("ids", ids.stream().map(LocalUserId::value).toList())
                .query(Rows::user)
                .list();
    }

    /**
     * {@code FOR NO KEY UPDATE}: one user's invite creations queue up behind each other, while
     * inserts whose foreign key references the user (an invited account, the invite itself) only
     * need {@code FOR KEY SHARE} and do not wait.
     */
    @Override
    public Optional<LocalUser> lockById(LocalUserId id) {
        return jdbc.sql("SELECT " + Rows.USER_COLUMNS + " FROM local_user WHERE id = :id FOR NO KEY UPDATE")
                .param("id", id.value())
                .query(Rows::user)
                .optional();
    }

    @Override
    public Optional<StoredCredentials> findCredentials(String usernameOrEmail) {
        String column = usernameOrEmail.contains("@") ? "email" : "name";
        return jdbc.sql("SELECT " + Rows.USER_COLUMNS + ", password_hash FROM local_user" + " WHERE lower(" + column
                        + ") = lower(:text)")
                .param("text", usernameOrEmail)
                .query(Rows::credentials)
                .optional();
    }

    @Override
    public boolean nameTaken(Username name) {
        return exists("SELECT EXISTS (SELECT 1 FROM local_user WHERE lower(name) = lower(:text))", name.value());
    }

    @Override
    public boolean emailTaken(EmailAddress email) {
        return exists("SELECT EXISTS (SELECT 1 FROM local_user WHERE lower(email) = lower(:text))", email.value());
    }

    private boolean exists(String sql, String text) {
        return jdbc.sql(sql).param("text", text).query(Boolean.class).single();
    }

    @Override
    public boolean anyAdmin() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM local_user WHERE admin)")
                .query(Boolean.class)
                .single();
    }

    @Override
    public List<LocalUser> admins() {
        return jdbc.sql("SELECT " + Rows.USER_COLUMNS + " FROM local_user WHERE admin ORDER BY id")
                .query(Rows::user)
                .list();
    }

    @Override
    public void setAcceptedApplication(LocalUserId userId, boolean accepted) {
        jdbc.sql("UPDATE local_user SET accepted_application = :accepted WHERE id = :id")
                .param("accepted", accepted)
                .param("id", userId.value())
                .update();
    }

    @Override
    public Optional<String> findPasswordHash(LocalUserId id) {
        return jdbc.sql("SELECT password_hash FROM local_user WHERE id = :id")
                .param("id", id.value())
                .query(String.class)
                .optional();
    }

    @Override
    public void setPasswordHash(LocalUserId userId, String passwordHash) {
        jdbc.sql("UPDATE local_user SET password_hash = :passwordHash WHERE id = :id")
                .param("passwordHash", passwordHash)
                .param("id", userId.value())
                .update();
    }

    /**
     * Keyset pagination on the id, never OFFSET: the cost of a page does not grow with how far down
     * it is. Each filter has an index that yields the order: the primary key for everyone,
     * {@code local_user_banned_idx (id) WHERE banned_at IS NOT NULL} for banned only (the ban's
     * end is then checked on the rows it yields), and {@code local_user_invited_by_idx
     * (invited_by_local_user_id, id)} for one inviter's invitees. The inviter is matched as a range
     * and the rows ordered by the index's columns, as the invite list does (see
     * {@code PostgresInviteRepository#listUsable}): with {@code =} the planner may walk the primary
     * key instead and filter. {@code UserListPlanTest} holds the plans.
     */
    @Override
    public List<LocalUser> list(UserFilter filter, Instant now, Optional<PagePosition> after, int limit) {
        JdbcClient.StatementSpec statement = jdbc.sql(listSql(
                        filter.bannedOnly(),
                        filter.newestFirst(),
                        filter.invitedBy().isPresent(),
                        after.isPresent()))
                .param("limit", limit);
        if (filter.bannedOnly()) {
            statement.param("now", Timestamps.parameter(now));
        }
        filter.invitedBy().ifPresent(inviter -> statement.param("invitedBy", inviter.value()));
        after.ifPresent(position -> statement.param("afterId", position.lastId()));
        return statement.query(Rows::user).list();
    }

    /**
     * The statement of {@link #list} for one combination of filters, with the parameters
     * {@code :limit} and, as the filters need them, {@code :now}, {@code :invitedBy} and
     * {@code :afterId}. Package-private for {@code UserListPlanTest}.
     */
    static String listSql(boolean bannedOnly, boolean newestFirst, boolean invitedBy, boolean after) {
        String direction = newestFirst ? " DESC" : "";
        StringBuilder where = new StringBuilder(" WHERE true");
        if (invitedBy) {
            where.append(" AND invited_by_local_user_id BETWEEN :invitedBy AND :invitedBy");
        }
        if (bannedOnly) {
            where.append(" AND banned_at IS NOT NULL AND (ban_expires_at IS NULL OR ban_expires_at > :now)");
        }
        if (after && invitedBy) {
            // as a row of the index's columns, the cursor bounds the scan of the index, not only filters it
            where.append(
                    newestFirst
                            ? " AND (invited_by_local_user_id, id) < (:invitedBy, :afterId)"
                            : " AND (invited_by_local_user_id, id) > (:invitedBy, :afterId)");
        } else if (after) {
            where.append(newestFirst ? " AND id < :afterId" : " AND id > :afterId");
        }
        String order = invitedBy
                ? " ORDER BY invited_by_local_user_id" + direction + ", id" + direction
                : " ORDER BY id" + direction;
        return "SELECT " + Rows.USER_COLUMNS + " FROM local_user" + where + order + " LIMIT :limit";
    }
}
