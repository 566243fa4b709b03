-- Invite links. A used-up invite is deleted by the registration that takes its last use, an
-- expired one by the sweep; an invite goes with its creator's account.

CREATE TABLE local_user_invite (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token         text        NOT NULL,
    local_user_id bigint      NOT NULL REFERENCES local_user (id) ON DELETE CASCADE,
    max_uses      integer     NULL CHECK (max_uses BETWEEN 1 AND 1000000),
    uses_count    integer     NOT NULL DEFAULT 0 CHECK (uses_count >= 0),
    expires_at    timestamptz NULL,
    published_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT local_user_invite_token_key UNIQUE (token),
    CONSTRAINT local_user_invite_uses_within_max CHECK (max_uses IS NULL OR uses_count <= max_uses)
);

-- a creator's usable invites: counted for the cap, listed newest first (keyset on id)
CREATE INDEX local_user_invite_local_user_id_idx ON local_user_invite (local_user_id, id DESC);
-- the sweep of expired invites
CREATE INDEX local_user_invite_expires_at_idx ON local_user_invite (expires_at) WHERE expires_at IS NOT NULL;

ALTER TABLE local_user
    ADD COLUMN invited_by_local_user_id bigint NULL REFERENCES local_user (id) ON DELETE SET NULL;

-- makes ON DELETE SET NULL cheap when an inviter's account goes
CREATE INDEX local_user_invited_by_idx ON local_user (invited_by_local_user_id)
    WHERE invited_by_local_user_id IS NOT NULL;
