-- Staff two-factor sign-in (issue 20): a TOTP secret per user (sealed with the encryption key),
-- pending until the first code confirms it; single-use recovery codes (hashed); and the
-- short-lived challenge that links a correct password to the second step.
ALTER TABLE users ADD COLUMN totp_secret VARCHAR(255) NULL;
ALTER TABLE users ADD COLUMN totp_enabled_at DATETIME NULL;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

CREATE TABLE recovery_codes (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT NOT NULL,
  code_hash CHAR(64) NOT NULL,
  used_at DATETIME NULL,
  created_at DATETIME NOT NULL,
  KEY idx_recovery_codes_user_id (user_id),
  CONSTRAINT fk_recovery_codes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE login_challenges (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT NOT NULL,
  token_hash CHAR(64) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  expires_at DATETIME NOT NULL,
  used_at DATETIME NULL,
  ip VARCHAR(64) NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY uq_login_challenges_token_hash (token_hash),
  KEY idx_login_challenges_expires_at (expires_at),
  CONSTRAINT fk_login_challenges_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
