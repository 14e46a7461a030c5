-- Carts, shipping, coupons, orders with stock reservations, payments, idempotency keys,
-- low-stock alerts (issue 4). Money is BIGINT minor units; timestamps are UTC DATETIME.
-- Personal data in orders (addresses) is encrypted by the application.

-- One cart per signed-in user (user_id) or per guest (token_hash: SHA-256 of the cart token).
CREATE TABLE carts (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT NULL,
  token_hash VARCHAR(64) NULL,
  coupon_code VARCHAR(64) NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX idx_carts_user_id ON carts (user_id);
CREATE UNIQUE INDEX idx_carts_token_hash ON carts (token_hash);
CREATE INDEX idx_carts_updated_at ON carts (updated_at);

CREATE TABLE cart_items (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  cart_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  variant_id BIGINT NULL,
  variant_key BIGINT NOT NULL DEFAULT 0,
  quantity BIGINT NOT NULL,
  -- The unit price when the line was added or last confirmed: a later price shows a warning.
  unit_price BIGINT NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT chk_cart_items_quantity CHECK (quantity > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX idx_cart_items_cart_id_product_id_variant_key
  ON cart_items (cart_id, product_id, variant_key);

CREATE TABLE shipping_methods (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(64) NOT NULL,
  name VARCHAR(255) NOT NULL,
  description VARCHAR(500) NULL,
  min_days BIGINT NOT NULL DEFAULT 0,
  max_days BIGINT NOT NULL DEFAULT 0,
  -- Price where no regional rate applies.
  base_price BIGINT NOT NULL DEFAULT 0,
  -- Free when the subtotal after discounts reaches this; NULL: never free.
  free_over BIGINT NULL,
  -- Picked up by the customer: never chosen by default for delivery to an address.
  is_pickup BOOLEAN NOT NULL DEFAULT FALSE,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  sort_order BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX idx_shipping_methods_code ON shipping_methods (code);

CREATE TABLE shipping_rates (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  method_id BIGINT NOT NULL,
  region VARCHAR(64) NOT NULL,
  price BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX idx_shipping_rates_method_id_region ON shipping_rates (method_id, region);

CREATE TABLE coupons (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  -- Stored upper-case; codes compare case-insensitively.
  code VARCHAR(64) NOT NULL,
  type VARCHAR(32) NOT NULL,
  -- percentage: 1-100; fixed: minor units; free_shipping: 0
  value BIGINT NOT NULL DEFAULT 0,
  min_subtotal BIGINT NOT NULL DEFAULT 0,
  starts_at DATETIME NULL,
  ends_at DATETIME NULL,
  usage_limit BIGINT NULL,
  usage_limit_per_customer BIGINT NULL,
  times_used BIGINT NOT NULL DEFAULT 0,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT chk_coupons_type CHECK (type IN ('percentage', 'fixed', 'free_shipping')),
  CONSTRAINT chk_coupons_times_used CHECK (times_used >= 0 AND (usage_limit IS NULL OR times_used <= usage_limit))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX idx_coupons_code ON coupons (code);

-- Optional scope: when a coupon has rows here it discounts only those products/categories.
CREATE TABLE coupon_products (
  coupon_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  PRIMARY KEY (coupon_id, product_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE coupon_categories (
  coupon_id BIGINT NOT NULL,
  category_id BIGINT NOT NULL,
  PRIMARY KEY (coupon_id, category_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE orders (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  -- MOD-YYYY-XXXXXX from a random alphabet: unique, not sequential.
  order_number VARCHAR(32) NOT NULL,
  user_id BIGINT NOT NULL,
  status VARCHAR(32) NOT NULL DEFAULT 'pending',
  payment_status VARCHAR(32) NOT NULL DEFAULT 'pending',
  payment_method VARCHAR(32) NOT NULL,
  -- The provider's id for the charge (e.g. a Stripe PaymentIntent id).
  payment_reference VARCHAR(255) NULL,
  currency CHAR(3) NOT NULL DEFAULT 'CLP',
  subtotal BIGINT NOT NULL,
  discount_amount BIGINT NOT NULL DEFAULT 0,
  shipping_amount BIGINT NOT NULL DEFAULT 0,
  tax_amount BIGINT NOT NULL DEFAULT 0,
  total_amount BIGINT NOT NULL,
  refunded_amount BIGINT NOT NULL DEFAULT 0,
  coupon_id BIGINT NULL,
  coupon_code VARCHAR(64) NULL,
  shipping_method VARCHAR(64) NOT NULL,
  shipping_region VARCHAR(64) NOT NULL,
  -- JSON of the address, encrypted (crypto::Cipher "v1:...")
  shipping_address TEXT NOT NULL,
  billing_address TEXT NULL,
  notes TEXT NULL,
  tracking_number VARCHAR(100) NULL,
  -- Unpaid card orders release their stock after this; NULL: held until cancelled.
  reserved_until DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  paid_at DATETIME NULL,
  shipped_at DATETIME NULL,
  delivered_at DATETIME NULL,
  cancelled_at DATETIME NULL,
  CONSTRAINT chk_orders_status CHECK (status IN ('pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded')),
  CONSTRAINT chk_orders_payment_status CHECK (payment_status IN ('pending', 'paid', 'failed', 'refunded', 'partially_refunded')),
  CONSTRAINT chk_orders_amounts CHECK (subtotal >= 0 AND discount_amount >= 0 AND shipping_amount >= 0
    AND tax_amount >= 0 AND total_amount >= 0 AND refunded_amount >= 0 AND refunded_amount <= total_amount)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX idx_orders_order_number ON orders (order_number);
CREATE INDEX idx_orders_user_id_created_at ON orders (user_id, created_at);
CREATE INDEX idx_orders_status_created_at ON orders (status, created_at);
CREATE INDEX idx_orders_created_at ON orders (created_at);
CREATE INDEX idx_orders_reserved_until ON orders (reserved_until);
CREATE INDEX idx_orders_payment_reference ON orders (payment_reference);

CREATE TABLE order_items (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  variant_id BIGINT NULL,
  sku VARCHAR(100) NOT NULL,
  name VARCHAR(255) NOT NULL,
  variant_name VARCHAR(255) NULL,
  image_url VARCHAR(500) NULL,
  unit_price BIGINT NOT NULL,
  quantity BIGINT NOT NULL,
  discount_amount BIGINT NOT NULL DEFAULT 0,
  line_total BIGINT NOT NULL,
  CONSTRAINT chk_order_items_quantity CHECK (quantity > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX idx_order_items_order_id ON order_items (order_id);
CREATE INDEX idx_order_items_product_id ON order_items (product_id);

-- Units of an order line held in (then taken from) one inventory row.
CREATE TABLE stock_reservations (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT NOT NULL,
  order_item_id BIGINT NOT NULL,
  inventory_id BIGINT NOT NULL,
  quantity BIGINT NOT NULL,
  state VARCHAR(16) NOT NULL DEFAULT 'reserved',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT chk_stock_reservations_quantity CHECK (quantity > 0),
  CONSTRAINT chk_stock_reservations_state CHECK (state IN ('reserved', 'committed', 'released'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX idx_stock_reservations_order_id ON stock_reservations (order_id);
CREATE INDEX idx_stock_reservations_inventory_id ON stock_reservations (inventory_id);

CREATE TABLE order_status_history (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT NOT NULL,
  from_status VARCHAR(32) NULL,
  to_status VARCHAR(32) NOT NULL,
  actor_user_id BIGINT NULL,
  -- customer, staff, system, payment
  actor_kind VARCHAR(16) NOT NULL DEFAULT 'system',
  note TEXT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX idx_order_status_history_order_id ON order_status_history (order_id, id);

-- Money movements: charges and refunds, by provider.
CREATE TABLE payments (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT NOT NULL,
  provider VARCHAR(32) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  status VARCHAR(32) NOT NULL,
  amount BIGINT NOT NULL,
  provider_reference VARCHAR(255) NULL,
  failure_code VARCHAR(100) NULL,
  failure_message VARCHAR(500) NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT chk_payments_kind CHECK (kind IN ('charge', 'refund')),
  CONSTRAINT chk_payments_status CHECK (status IN ('pending', 'succeeded', 'failed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX idx_payments_order_id ON payments (order_id);

-- Coupon uses, one per order; per-customer limits count these.
CREATE TABLE coupon_redemptions (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  coupon_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  discount_amount BIGINT NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX idx_coupon_redemptions_order_id ON coupon_redemptions (order_id);
CREATE INDEX idx_coupon_redemptions_coupon_id_user_id ON coupon_redemptions (coupon_id, user_id);

-- Provider webhook events already applied (replays are ignored).
CREATE TABLE payment_events (
  event_id VARCHAR(255) NOT NULL PRIMARY KEY,
  provider VARCHAR(32) NOT NULL,
  type VARCHAR(32) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Idempotency-Key replays: the first response for (scope, key), 24 hours.
CREATE TABLE idempotency_keys (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  -- "user:<id>" or "guest:<hash>", plus the operation
  scope VARCHAR(128) NOT NULL,
  idem_key VARCHAR(255) NOT NULL,
  request_hash VARCHAR(64) NOT NULL,
  -- What the first request created (an order id), set in its transaction.
  resource_id BIGINT NULL,
  status_code BIGINT NULL,
  response_body MEDIUMTEXT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX idx_idempotency_keys_scope_idem_key ON idempotency_keys (scope, idem_key);
CREATE INDEX idx_idempotency_keys_created_at ON idempotency_keys (created_at);

-- One open alert per inventory row whose available stock fell to its reorder point.
CREATE TABLE stock_alerts (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  inventory_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  variant_id BIGINT NULL,
  warehouse_id BIGINT NOT NULL,
  available BIGINT NOT NULL,
  reorder_point BIGINT NOT NULL,
  status VARCHAR(32) NOT NULL DEFAULT 'open',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  resolved_at DATETIME NULL,
  CONSTRAINT chk_stock_alerts_status CHECK (status IN ('open', 'resolved'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX idx_stock_alerts_inventory_id_status ON stock_alerts (inventory_id, status);
CREATE INDEX idx_stock_alerts_status_created_at ON stock_alerts (status, created_at);

-- Foreign keys.
ALTER TABLE carts ADD CONSTRAINT fk_carts_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE cart_items ADD CONSTRAINT fk_cart_items_cart_id FOREIGN KEY (cart_id) REFERENCES carts (id) ON DELETE CASCADE;
ALTER TABLE cart_items ADD CONSTRAINT fk_cart_items_product_id FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE;
ALTER TABLE cart_items ADD CONSTRAINT fk_cart_items_variant_id FOREIGN KEY (variant_id) REFERENCES product_variants (id) ON DELETE CASCADE;
ALTER TABLE shipping_rates ADD CONSTRAINT fk_shipping_rates_method_id FOREIGN KEY (method_id) REFERENCES shipping_methods (id) ON DELETE CASCADE;
ALTER TABLE coupon_products ADD CONSTRAINT fk_coupon_products_coupon_id FOREIGN KEY (coupon_id) REFERENCES coupons (id) ON DELETE CASCADE;
ALTER TABLE coupon_products ADD CONSTRAINT fk_coupon_products_product_id FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE;
ALTER TABLE coupon_categories ADD CONSTRAINT fk_coupon_categories_coupon_id FOREIGN KEY (coupon_id) REFERENCES coupons (id) ON DELETE CASCADE;
ALTER TABLE coupon_categories ADD CONSTRAINT fk_coupon_categories_category_id FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE CASCADE;
ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE orders ADD CONSTRAINT fk_orders_coupon_id FOREIGN KEY (coupon_id) REFERENCES coupons (id);
ALTER TABLE order_items ADD CONSTRAINT fk_order_items_order_id FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE;
ALTER TABLE order_items ADD CONSTRAINT fk_order_items_product_id FOREIGN KEY (product_id) REFERENCES products (id);
ALTER TABLE order_items ADD CONSTRAINT fk_order_items_variant_id FOREIGN KEY (variant_id) REFERENCES product_variants (id);
ALTER TABLE stock_reservations ADD CONSTRAINT fk_stock_reservations_order_id FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE;
ALTER TABLE stock_reservations ADD CONSTRAINT fk_stock_reservations_order_item_id FOREIGN KEY (order_item_id) REFERENCES order_items (id) ON DELETE CASCADE;
ALTER TABLE stock_reservations ADD CONSTRAINT fk_stock_reservations_inventory_id FOREIGN KEY (inventory_id) REFERENCES inventory (id);
ALTER TABLE order_status_history ADD CONSTRAINT fk_order_status_history_order_id FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE;
ALTER TABLE payments ADD CONSTRAINT fk_payments_order_id FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE;
ALTER TABLE coupon_redemptions ADD CONSTRAINT fk_coupon_redemptions_coupon_id FOREIGN KEY (coupon_id) REFERENCES coupons (id);
ALTER TABLE coupon_redemptions ADD CONSTRAINT fk_coupon_redemptions_user_id FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE coupon_redemptions ADD CONSTRAINT fk_coupon_redemptions_order_id FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE;
ALTER TABLE stock_alerts ADD CONSTRAINT fk_stock_alerts_inventory_id FOREIGN KEY (inventory_id) REFERENCES inventory (id) ON DELETE CASCADE;

-- Shipping methods of the default store; staff may change prices in the table. Regions are
-- ISO 3166-2:CL codes; a region without a rate pays base_price.
INSERT INTO shipping_methods (code, name, description, min_days, max_days, base_price, free_over, is_pickup, sort_order) VALUES
  ('standard', 'Despacho estándar', 'Entrega en 3 a 5 días hábiles', 3, 5, 5990, 50000, 0, 1),
  ('express', 'Despacho express', 'Entrega en 24 horas', 1, 1, 9990, NULL, 0, 2),
  ('retiro', 'Retiro en tienda', 'Retiro gratis en nuestra tienda de Santiago', 0, 1, 0, NULL, 1, 3);
INSERT INTO shipping_rates (method_id, region, price)
  SELECT id, 'CL-RM', 3990 FROM shipping_methods WHERE code = 'standard';
INSERT INTO shipping_rates (method_id, region, price)
  SELECT id, 'CL-RM', 6990 FROM shipping_methods WHERE code = 'express';
INSERT INTO shipping_rates (method_id, region, price)
  SELECT m.id, r.region, CASE m.code WHEN 'standard' THEN 8990 ELSE 14990 END
  FROM shipping_methods m CROSS JOIN (SELECT 'CL-AP' AS region UNION ALL SELECT 'CL-AI' UNION ALL SELECT 'CL-MA') r
  WHERE m.code IN ('standard', 'express');
