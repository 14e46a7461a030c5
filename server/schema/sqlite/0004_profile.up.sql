-- Customer addresses (issue 3, profile and privacy).
-- Personal data is stored encrypted by the application (crypto::Cipher: "v1:" + base64 of
-- nonce, ciphertext and tag): recipient_name, street, number, apartment and phone here, and
-- users.phone. comuna, city and region stay plain on purpose: shipping rates are chosen by them
-- and sales analytics group by them, and on their own they do not identify a person.
-- At most one default shipping and one default billing address per user: enforced by the
-- application in the same transaction that sets a new default (no partial unique indexes on MySQL).

CREATE TABLE addresses (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  label TEXT NULL,
  recipient_name TEXT NOT NULL,  -- encrypted
  street TEXT NOT NULL,          -- encrypted
  number TEXT NOT NULL,          -- encrypted
  apartment TEXT NULL,           -- encrypted
  comuna TEXT NOT NULL,
  city TEXT NOT NULL,
  region TEXT NOT NULL,
  postal_code TEXT NULL,
  country TEXT NOT NULL DEFAULT 'CL',
  phone TEXT NULL,               -- encrypted
  is_default_shipping INTEGER NOT NULL DEFAULT 0
    CONSTRAINT chk_addresses_is_default_shipping CHECK (is_default_shipping IN (0, 1)),
  is_default_billing INTEGER NOT NULL DEFAULT 0
    CONSTRAINT chk_addresses_is_default_billing CHECK (is_default_billing IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_addresses_user_id ON addresses (user_id);
