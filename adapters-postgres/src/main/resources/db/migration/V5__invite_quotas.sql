-- Invite quotas and comments (SPEC §6): four site settings, an invite's comment, and two
-- append-only records that outlive the invites, for the daily counts.

ALTER TABLE local_site
    ADD COLUMN invite_min_account_age_hours integer NOT NULL DEFAULT 0
        CHECK (invite_min_account_age_hours BETWEEN 0 AND 8760),
    ADD COLUMN invites_per_user_per_day     integer NOT NULL DEFAULT 0
        CHECK (invites_per_user_per_day BETWEEN 0 AND 1000),
    ADD COLUMN invite_signups_per_day       integer NOT NULL DEFAULT 0
        CHECK (invite_signups_per_day BETWEEN 0 AND 1000000),
    ADD COLUMN invites_skip_application     boolean NOT NULL DEFAULT true;

-- at most 200 characters (code points, as char_length counts them); NULL = none
ALTER TABLE local_user_invite
    ADD COLUMN comment text NULL CHECK (char_length(comment) BETWEEN 1 AND 200);

-- One row per invite ever created, written in the statement that inserts the invite, and kept when
-- the invite goes (used up, revoked, expired, swept): invites_per_user_per_day counts them over the
-- last 24 hours. The sweep deletes rows older than a day and an hour; a creator's rows go with the
-- creator's account.
CREATE TABLE invite_creation (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    local_user_id bigint      NOT NULL REFERENCES local_user (id) ON DELETE CASCADE,
    published_at  timestamptz NOT NULL
);

-- a creator's creations since an instant (index-only), and the cascade when the account goes
CREATE INDEX invite_creation_local_user_id_idx ON invite_creation (local_user_id, published_at);
-- the sweep of old rows
CREATE INDEX invite_creation_published_at_idx ON invite_creation (published_at);

-- One row per account created through an invite (active or waiting for its application), kept when
-- the account or the invite goes: invite_signups_per_day counts them over the last 24 hours,
-- site-wide. The sweep deletes rows older than a day and an hour.
CREATE TABLE invite_signup (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    published_at timestamptz NOT NULL
);

-- the count since an instant (index-only), and the sweep of old rows
CREATE INDEX invite_signup_published_at_idx ON invite_signup (published_at);
