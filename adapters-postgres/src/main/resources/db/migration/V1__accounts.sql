-- Accounts, their log-in sessions, and the one site with its registration settings.
-- Timestamps are timestamptz (microsecond precision); names and e-mail addresses are unique
-- ignoring case through unique indexes on lower(...), whose names the adapter maps to error codes.

CREATE TABLE local_site (
    id                           integer     PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    name                         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    registration_mode            text        NOT NULL DEFAULT 'require_application'
        CHECK (registration_mode IN ('open', 'require_application', 'require_invitation', 'closed')),
    application_question         text        NULL,
    max_invites_per_user_allowed integer     NOT NULL DEFAULT 10
        CHECK (max_invites_per_user_allowed BETWEEN 0 AND 1000000),
    published_at                 timestamptz NOT NULL DEFAULT now()
);

INSERT INTO local_site (id, name, registration_mode, max_invites_per_user_allowed)
VALUES (1, 'Guestlist', 'require_application', 10);

CREATE TABLE local_user (
    id                   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                 text        NOT NULL,
    email                text        NULL,
    password_hash        text        NOT NULL,
    admin                boolean     NOT NULL DEFAULT false,
    accepted_application boolean     NOT NULL DEFAULT false,
    published_at         timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX local_user_name_lower_key ON local_user (lower(name));
CREATE UNIQUE INDEX local_user_email_lower_key ON local_user (lower(email));
-- "is there an admin", "the admins, oldest first" (GET /site on every page view)
CREATE INDEX local_user_admin_idx ON local_user (id) WHERE admin;

-- Sessions. Only the SHA-256 (lower-case hex) of each session token is stored.
CREATE TABLE login_token (
    token_hash    text        PRIMARY KEY,
    local_user_id bigint      NOT NULL REFERENCES local_user (id) ON DELETE CASCADE,
    published_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NULL
);

CREATE INDEX login_token_local_user_id_idx ON login_token (local_user_id);
