-- The language of the emails a user receives: Spanish unless they chose English.
ALTER TABLE users ADD COLUMN locale VARCHAR(5) NOT NULL DEFAULT 'es',
  ADD CONSTRAINT chk_users_locale CHECK (locale IN ('es', 'en'));
