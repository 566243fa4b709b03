-- pgbench: the SQL of one GET /account/invite/list request for a deep page (request=true), or of the
-- list-invites use case alone (request=false): the session lookup (as in list_invites_first.sql),
-- then PostgresInviteRepository.listUsable with a cursor (keyset "id < :cursor", never OFFSET).
-- Variables: lister (the listing user's id), cursor (the last id of the page before), request, and
-- with request=true session_hash (see list_invites_first.sql).
\if :request
SELECT u.id, u.name, u.email, u.admin, u.accepted_application, u.invited_by_local_user_id, u.published_at FROM login_token t JOIN local_user u ON u.id = t.local_user_id WHERE t.token_hash = :session_hash AND (t.expires_at IS NULL OR t.expires_at > now());
\endif
SELECT id, token, local_user_id, max_uses, uses_count, expires_at, published_at, comment FROM local_user_invite WHERE local_user_id BETWEEN :lister AND :lister AND (expires_at IS NULL OR expires_at > now()) AND (max_uses IS NULL OR uses_count < max_uses) AND id < :cursor ORDER BY local_user_id, id DESC LIMIT 21;
