-- The daily invite limit in one look-up. invites_per_user_per_day asks whether a member created n
-- invites or more in the last 24 hours; counting the member's rows of invite_creation costs as many
-- index entries as it made, up to the limit (1,000). Each row now carries its place in its
-- creator's sequence of creations (1, 2, 3, ...), given by the statement that inserts it while the
-- creator's account is locked, and an instant that never goes back within the sequence: the member
-- made n or more in the last 24 hours exactly when its n-th latest row, found by two probes of the
-- index below, is less than 24 hours old.
--
-- The sweep deletes the oldest rows (more than a day and an hour old); a creator whose rows are all
-- gone starts again at 1, which no row of it holds any more.

ALTER TABLE invite_creation ADD COLUMN seq bigint;

-- the rows that exist already: numbered in the order of their instants (so that these never go back)
UPDATE invite_creation c
SET seq = numbered.seq
FROM (SELECT id, row_number() OVER (PARTITION BY local_user_id ORDER BY published_at, id) AS seq
      FROM invite_creation) numbered
WHERE c.id = numbered.id;

ALTER TABLE invite_creation
    ALTER COLUMN seq SET NOT NULL,
    ADD CONSTRAINT invite_creation_seq_positive CHECK (seq >= 1);

-- a creator's latest place (max), the row at a given place (index-only, with its instant), and the
-- cascade when the account goes; it replaces the index on (local_user_id, published_at)
CREATE UNIQUE INDEX invite_creation_seq_key ON invite_creation (local_user_id, seq) INCLUDE (published_at);
DROP INDEX invite_creation_local_user_id_idx;
