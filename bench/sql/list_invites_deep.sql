-- pgbench: the SQL of the list-invites use case, a deep page (PostgresInviteRepository.listUsable
-- with a cursor: keyset "id < :cursor", never OFFSET).
-- Variables: lister (the listing user's id), cursor (the last id of the page before).
SELECT id, token, local_user_id, max_uses, uses_count, expires_at, published_at FROM local_user_invite WHERE local_user_id BETWEEN :lister AND :lister AND (expires_at IS NULL OR expires_at > now()) AND (max_uses IS NULL OR uses_count < max_uses) AND id < :cursor ORDER BY local_user_id, id DESC LIMIT 21;
