-- Registration applications of accounts made in require_application mode, at most one per account.
-- admin_id is the admin who last decided it; NULL = unread.

CREATE TABLE registration_application (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    local_user_id bigint      NOT NULL REFERENCES local_user (id) ON DELETE CASCADE,
    answer        text        NOT NULL,
    admin_id      bigint      NULL REFERENCES local_user (id) ON DELETE SET NULL,
    deny_reason   text        NULL,
    published_at  timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NULL,
    CONSTRAINT registration_application_local_user_id_key UNIQUE (local_user_id)
);

-- the admins' default listing: unread applications, oldest first (keyset on id)
CREATE INDEX registration_application_unread_idx ON registration_application (id) WHERE admin_id IS NULL;
-- makes ON DELETE SET NULL cheap when a deciding admin's account goes
CREATE INDEX registration_application_admin_id_idx ON registration_application (admin_id)
    WHERE admin_id IS NOT NULL;
