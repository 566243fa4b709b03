-- The session sweep deletes expired sessions in small batches; sessions without expiry
-- (stay_logged_in) never expire and stay out of the index.
CREATE INDEX login_token_expires_at_idx ON login_token (expires_at) WHERE expires_at IS NOT NULL;
