-- Accountability: bans, the right to invite, who invited whom at any depth, and the log of what
-- admins did about it.

-- A ban holds while banned_at is set and ban_expires_at is unset or still ahead; a ban that has
-- ended is not cleared, it is simply past. can_invite false withdraws the right to invite.
-- invitee_count is the number of direct invitees, kept by the triggers below so that a view of an
-- account never counts.
ALTER TABLE local_user
    ADD COLUMN banned_at               timestamptz NULL,
    ADD COLUMN ban_reason              text        NULL,
    ADD COLUMN ban_expires_at          timestamptz NULL,
    ADD COLUMN can_invite              boolean     NOT NULL DEFAULT true,
    ADD COLUMN invites_disabled_reason text        NULL,
    ADD COLUMN invitee_count           integer     NOT NULL DEFAULT 0 CHECK (invitee_count >= 0),
    ADD CONSTRAINT local_user_ban_complete CHECK ((banned_at IS NULL) = (ban_reason IS NULL)),
    ADD CONSTRAINT local_user_ban_ends_after_start CHECK (ban_expires_at IS NULL OR banned_at IS NOT NULL);

-- "banned only" listings, newest or oldest first
CREATE INDEX local_user_banned_idx ON local_user (id) WHERE banned_at IS NOT NULL;

-- A user's direct invitees in id order: the keyset of GET /admin/users?invited_by_local_user_id=
-- and the index every branch walk starts from.
DROP INDEX local_user_invited_by_idx;
CREATE INDEX local_user_invited_by_idx ON local_user (invited_by_local_user_id, id)
    WHERE invited_by_local_user_id IS NOT NULL;

-- The invite relation closed over every depth: one row per (inviter at any depth, invitee).
-- Pages of a branch (breadth first, then by id) and of an ancestry read one index range each, so
-- their cost does not grow with the size of the branch; a whole branch is one range scan. The
-- cost is one row per account per level above it, written when the account is created.
CREATE TABLE invite_branch (
    ancestor_id   bigint  NOT NULL REFERENCES local_user (id) ON DELETE CASCADE,
    descendant_id bigint  NOT NULL REFERENCES local_user (id) ON DELETE CASCADE,
    depth         integer NOT NULL CHECK (depth >= 1),
    PRIMARY KEY (ancestor_id, depth, descendant_id)
);

CREATE INDEX invite_branch_descendant_idx ON invite_branch (descendant_id, depth);

-- A new account joins the branch of its inviter and of each of its inviter's ancestors, and counts
-- as one more direct invitee of its inviter.
CREATE FUNCTION invite_branch_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO invite_branch (ancestor_id, descendant_id, depth)
    SELECT NEW.invited_by_local_user_id, NEW.id, 1
    UNION ALL
    SELECT ancestor_id, NEW.id, depth + 1 FROM invite_branch WHERE descendant_id = NEW.invited_by_local_user_id;
    UPDATE local_user SET invitee_count = invitee_count + 1 WHERE id = NEW.invited_by_local_user_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER invite_branch_add AFTER INSERT ON local_user
    FOR EACH ROW WHEN (NEW.invited_by_local_user_id IS NOT NULL) EXECUTE FUNCTION invite_branch_add();

-- An account that goes cuts its branch loose: its invitees no longer have an inviter (the foreign
-- key sets it null), so nobody above it reaches anybody below it any more; and its inviter has one
-- direct invitee less. (Rows naming the account itself go with the foreign keys' cascade.)
CREATE FUNCTION invite_branch_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM invite_branch cut
    USING invite_branch above, invite_branch below
    WHERE above.descendant_id = OLD.id
      AND below.ancestor_id = OLD.id
      AND cut.ancestor_id = above.ancestor_id
      AND cut.descendant_id = below.descendant_id;
    IF OLD.invited_by_local_user_id IS NOT NULL THEN
        UPDATE local_user SET invitee_count = invitee_count - 1 WHERE id = OLD.invited_by_local_user_id;
    END IF;
    RETURN OLD;
END
$$;

CREATE TRIGGER invite_branch_remove BEFORE DELETE ON local_user
    FOR EACH ROW EXECUTE FUNCTION invite_branch_remove();

-- The accounts that exist already.
WITH RECURSIVE chain (ancestor_id, descendant_id, depth) AS (
    SELECT invited_by_local_user_id, id, 1 FROM local_user WHERE invited_by_local_user_id IS NOT NULL
    UNION ALL
    SELECT u.invited_by_local_user_id, chain.descendant_id, chain.depth + 1
    FROM chain JOIN local_user u ON u.id = chain.ancestor_id
    WHERE u.invited_by_local_user_id IS NOT NULL
)
INSERT INTO invite_branch (ancestor_id, descendant_id, depth)
SELECT ancestor_id, descendant_id, depth FROM chain;

UPDATE local_user inviter
SET invitee_count = counted.n
FROM (SELECT invited_by_local_user_id AS id, count(*) AS n FROM local_user
      WHERE invited_by_local_user_id IS NOT NULL GROUP BY invited_by_local_user_id) counted
WHERE inviter.id = counted.id;

-- What admins did: every ban, unban, revoke-all and change of the right to invite, written in the
-- same transaction as the action. Newest first is the order it is read in.
CREATE TABLE moderation_log (
    id                   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action               text        NOT NULL
        CHECK (action IN ('ban', 'unban', 'revoke_all', 'disable_invites', 'enable_invites')),
    admin_local_user_id  bigint      NOT NULL REFERENCES local_user (id) ON DELETE CASCADE,
    target_local_user_id bigint      NOT NULL REFERENCES local_user (id) ON DELETE CASCADE,
    include_invitees     boolean     NOT NULL,
    affected_accounts    integer     NOT NULL CHECK (affected_accounts >= 0),
    revoked_invites      integer     NOT NULL CHECK (revoked_invites >= 0),
    reason               text        NOT NULL,
    expires_at           timestamptz NULL,
    published_at         timestamptz NOT NULL
);

CREATE INDEX moderation_log_admin_idx ON moderation_log (admin_local_user_id);
CREATE INDEX moderation_log_target_idx ON moderation_log (target_local_user_id);
