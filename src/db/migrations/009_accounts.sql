-- 009_accounts: accounts over their whole life. A user can be changed, deactivated and
-- reactivated; must change a temporary password at the first login; may reset a forgotten
-- one through a single-use link sent by e-mail. API tokens expire and record their use.

ALTER TABLE users ADD COLUMN last_login_at BIGINT;
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN deactivated_at BIGINT;
-- The version an administrator's edit was based on.
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
ALTER TABLE api_tokens ADD COLUMN label TEXT NOT NULL DEFAULT '';
-- Tokens made before expiry existed last a year from when they were made.
UPDATE api_tokens SET expires_at = created_at + 31536000 WHERE expires_at IS NULL;
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- A link to set a new password: only its hash is stored; it works once, for an hour.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    address TEXT
);
CREATE INDEX password_resets_user ON password_resets(user_id, created_at);
