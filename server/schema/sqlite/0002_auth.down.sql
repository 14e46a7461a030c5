ALTER TABLE users DROP COLUMN locked_until;
DROP TABLE IF EXISTS login_attempts;
DROP TABLE IF EXISTS email_tokens;
DROP TABLE IF EXISTS password_history;
DROP TABLE IF EXISTS revoked_tokens;
DROP TABLE IF EXISTS refresh_tokens;
