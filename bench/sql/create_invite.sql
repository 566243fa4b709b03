-- pgbench: the SQL of one POST /account/invite request (request=true), or of the create-invite use
-- case alone (request=false).
-- The request first looks up the session that authenticates it (PostgresSessionRepository.findUser,
-- in autocommit). The server sends the token's hash as a parameter; here the statement computes it
-- from the creator's id the way the benchmark seeded the sessions (two hash functions on 37 bytes,
-- microseconds against the statement).
-- The use case is one transaction (CreateInviteService.createInvite): PostgresUserRepository.lockById,
-- PostgresSiteRepository.get, PostgresInviteRepository.countUsable, PostgresInviteRepository.add (the
-- invite and its creation record in one statement); with the invite quotas off, as here. The
-- server passes the clock's "now" and a random 32-character token as parameters; here now() and
-- md5(random()) stand in.
-- Variables: first_creator, last_creator (the seeded creators' ids, non-admins), request.
\set uid random(:first_creator, :last_creator)
\if :request
SELECT u.id, u.name, u.email, u.admin, u.accepted_application, u.invited_by_local_user_id, u.published_at FROM login_token t JOIN local_user u ON u.id = t.local_user_id WHERE t.token_hash = encode(sha256(convert_to('bench' || md5('session' || :uid), 'UTF8')), 'hex') AND (t.expires_at IS NULL OR t.expires_at > now());
\endif
BEGIN;
SELECT id, name, email, admin, accepted_application, invited_by_local_user_id, published_at FROM local_user WHERE id = :uid FOR NO KEY UPDATE;
SELECT id, name, registration_mode, application_question, max_invites_per_user_allowed, invite_min_account_age_hours, invites_per_user_per_day, invite_signups_per_day, invites_skip_application, published_at FROM local_site ORDER BY id LIMIT 1;
SELECT count(*) FROM local_user_invite WHERE local_user_id = :uid AND (expires_at IS NULL OR expires_at > now()) AND (max_uses IS NULL OR uses_count < max_uses);
WITH added AS (INSERT INTO local_user_invite (token, local_user_id, max_uses, expires_at, published_at, comment) VALUES (md5(random()::text), :uid, NULL, NULL, now(), NULL) RETURNING id, token, local_user_id, max_uses, uses_count, expires_at, published_at, comment), latest AS (SELECT seq, published_at FROM invite_creation WHERE local_user_id = :uid ORDER BY seq DESC LIMIT 1), recorded AS (INSERT INTO invite_creation (local_user_id, seq, published_at) SELECT a.local_user_id, coalesce((SELECT seq FROM latest), 0) + 1, greatest(a.published_at, (SELECT published_at FROM latest)) FROM added a) SELECT id, token, local_user_id, max_uses, uses_count, expires_at, published_at, comment FROM added;
COMMIT;
