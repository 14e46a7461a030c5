-- Sessions and account security: refresh tokens (rotated, in families), revoked access
-- tokens, password history, single-use email tokens, login attempts and lockouts.
-- Tokens are stored as SHA-256 hex, never in clear.

CREATE TABLE refresh_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  family_id TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT NULL,
  revoked_at TEXT NULL,
  ip TEXT NULL,
  user_agent TEXT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX idx_refresh_tokens_token_hash ON refresh_tokens (token_hash);
CREATE INDEX idx_refresh_tokens_user_id ON refresh_tokens (user_id);
CREATE INDEX idx_refresh_tokens_family_id ON refresh_tokens (family_id);

CREATE TABLE revoked_tokens (
  jti TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_revoked_tokens_expires_at ON revoked_tokens (expires_at);

CREATE TABLE password_history (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_password_history_user_id ON password_history (user_id, id);

CREATE TABLE email_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CONSTRAINT chk_email_tokens_purpose CHECK (purpose IN ('verify', 'reset')),
  token_hash TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX idx_email_tokens_token_hash ON email_tokens (token_hash);
CREATE INDEX idx_email_tokens_user_id ON email_tokens (user_id);

CREATE TABLE login_attempts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NULL,
  email TEXT NOT NULL,
  ip TEXT NULL,
  succeeded INTEGER NOT NULL CONSTRAINT chk_login_attempts_succeeded CHECK (succeeded IN (0, 1)),
  created_at TEXT NOT NULL
);
CREATE INDEX idx_login_attempts_email_created_at ON login_attempts (email, created_at);

ALTER TABLE users ADD COLUMN locked_until TEXT NULL;
