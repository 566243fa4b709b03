-- pgbench: the SQL of one GET /account/invite/list request, first page: the session lookup that
-- authenticates it (PostgresSessionRepository.findUser), then the listing (list_invites_first.sql).
-- Both run in autocommit, as the server sends them. Variables: lister (the listing user's id),
-- session_hash (the SHA-256, hex, of the lister's session token, as login_token stores it).
SELECT u.id, u.name, u.email, u.admin, u.accepted_application, u.invited_by_local_user_id, u.published_at FROM login_token t JOIN local_user u ON u.id = t.local_user_id WHERE t.token_hash = :session_hash AND (t.expires_at IS NULL OR t.expires_at > now());
SELECT id, token, local_user_id, max_uses, uses_count, expires_at, published_at FROM local_user_invite WHERE local_user_id BETWEEN :lister AND :lister AND (expires_at IS NULL OR expires_at > now()) AND (max_uses IS NULL OR uses_count < max_uses) ORDER BY local_user_id, id DESC LIMIT 21;
