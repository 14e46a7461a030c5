-- The language of the emails a user receives: Spanish unless they chose English.
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'es' CONSTRAINT chk_users_locale CHECK (locale IN ('es', 'en'));
