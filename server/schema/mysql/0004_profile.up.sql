-- Customer addresses (issue 3, profile and privacy).
-- Personal data is stored encrypted by the application (crypto::Cipher: "v1:" + base64 of
-- nonce, ciphertext and tag): recipient_name, street, number, apartment and phone here, and
-- users.phone. comuna, city and region stay plain on purpose: shipping rates are chosen by them
-- and sales analytics group by them, and on their own they do not identify a person.
-- At most one default shipping and one default billing address per user: enforced by the
-- application in the same transaction that sets a new default (MySQL has no partial indexes).

CREATE TABLE addresses (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT NOT NULL,
  label VARCHAR(100) NULL,
  recipient_name TEXT NOT NULL,  -- encrypted
  street TEXT NOT NULL,          -- encrypted
  number TEXT NOT NULL,          -- encrypted
  apartment TEXT NULL,           -- encrypted
  comuna VARCHAR(100) NOT NULL,
  city VARCHAR(100) NOT NULL,
  region VARCHAR(100) NOT NULL,
  postal_code VARCHAR(20) NULL,
  country CHAR(2) NOT NULL DEFAULT 'CL',
  phone TEXT NULL,               -- encrypted
  is_default_shipping BOOLEAN NOT NULL DEFAULT FALSE,
  is_default_billing BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY idx_addresses_user_id (user_id),
  CONSTRAINT fk_addresses_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

