-- The per-address rate limits (SPEC §4, §5), counted once for every process on the database:
-- one row per limit and client address, kept by Bucket4j's PostgreSQL backend (the select-for-update
-- variant). `state` is Bucket4j's serialized bucket, `expires_at` (epoch milliseconds) the moment the
-- bucket is full again, after which the row means nothing and the sweep deletes it.
--
-- UNLOGGED: a budget is worth nothing after a crash (PostgreSQL empties the table then; every address
-- starts with a full budget) and is not copied to standbys, and in exchange a transaction that
-- wrote only this table waits for no WAL flush at commit.
CREATE UNLOGGED TABLE rate_limit_bucket (
    id         text PRIMARY KEY,
    state      bytea,
    expires_at bigint
);

-- the sweep takes expired rows in batches
CREATE INDEX rate_limit_bucket_expires_at_idx ON rate_limit_bucket (expires_at);
