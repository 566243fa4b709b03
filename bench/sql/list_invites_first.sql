-- pgbench: the SQL of the list-invites use case (one statement, run in autocommit as the server
-- does through Transactions.read), first page (ListInvitesService.listInvites →
-- PostgresInviteRepository.listUsable with no cursor; limit 20 + 1 to know whether a next page exists).
-- Variables: lister (the listing user's id).
SELECT id, token, local_user_id, max_uses, uses_count, expires_at, published_at FROM local_user_invite WHERE local_user_id BETWEEN :lister AND :lister AND (expires_at IS NULL OR expires_at > now()) AND (max_uses IS NULL OR uses_count < max_uses) ORDER BY local_user_id, id DESC LIMIT 21;
