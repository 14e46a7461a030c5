ALTER TABLE users DROP CONSTRAINT chk_users_locale;
ALTER TABLE users DROP COLUMN locale;
