-- Fixes to the triggers of V6 that keep invite_branch and invitee_count.
--
-- One statement that deletes an account and its inviter failed: the BEFORE DELETE trigger of the
-- invitee lowered the inviter's invitee_count, and PostgreSQL refuses to delete a row that a
-- trigger of the same statement has just updated ("tuple to be deleted was already modified by an
-- operation triggered by the current command"). The count now goes down in an AFTER DELETE
-- trigger, which runs once every row of the statement is gone: an inviter deleted with its invitee
-- is simply not found. The cut of the branch stays BEFORE DELETE, while the rows that name the
-- account (which the foreign keys' cascade removes) still tell what was above and below it.
CREATE OR REPLACE FUNCTION invite_branch_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM invite_branch cut
    USING invite_branch above, invite_branch below
    WHERE above.descendant_id = OLD.id
      AND below.ancestor_id = OLD.id
      AND cut.ancestor_id = above.ancestor_id
      AND cut.descendant_id = below.descendant_id;
    RETURN OLD;
END
$$;

CREATE FUNCTION invitee_count_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE local_user SET invitee_count = invitee_count - 1 WHERE id = OLD.invited_by_local_user_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER invitee_count_remove AFTER DELETE ON local_user
    FOR EACH ROW WHEN (OLD.invited_by_local_user_id IS NOT NULL) EXECUTE FUNCTION invitee_count_remove();
