-- pgbench: the SQL of one GET /account/invite/list request for the first page (request=true), or of
-- the list-invites use case alone (request=false). Both statements run in autocommit, as the server
-- sends them: the session lookup that authenticates the request (PostgresSessionRepository.findUser),
-- then the use case's one statement, run through Transactions.read (ListInvitesService.listInvites →
-- PostgresInviteRepository.listUsable with no cursor; limit 20 + 1 to know whether a next page exists).
-- Variables: lister (the listing user's id), request, and with request=true session_hash (the
-- SHA-256, hex, of the lister's session token, as login_token stores it).
\if :request
SELECT u.id, u.name, u.email, u.admin, u.accepted_application, u.invited_by_local_user_id, u.published_at FROM login_token t JOIN local_user u ON u.id = t.local_user_id WHERE t.token_hash = :session_hash AND (t.expires_at IS NULL OR t.expires_at > now());
\endif
SELECT id, token, local_user_id, max_uses, uses_count, expires_at, published_at, comment FROM local_user_invite WHERE local_user_id BETWEEN :lister AND :lister AND (expires_at IS NULL OR expires_at > now()) AND (max_uses IS NULL OR uses_count < max_uses) ORDER BY local_user_id, id DESC LIMIT 21;
