-- Carts, shipping, coupons, orders with stock reservations, payments, idempotency keys,
-- low-stock alerts (issue 4). Money is INTEGER minor units; timestamps are UTC text
-- 'YYYY-MM-DD HH:MM:SS'. Personal data in orders (addresses) is encrypted by the application.

-- One cart per signed-in user (user_id) or per guest (token_hash: SHA-256 of the cart token).
CREATE TABLE carts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT NULL,
  coupon_code TEXT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX idx_carts_user_id ON carts (user_id);
CREATE UNIQUE INDEX idx_carts_token_hash ON carts (token_hash);
CREATE INDEX idx_carts_updated_at ON carts (updated_at);

CREATE TABLE cart_items (
  id INTEGER PRIMARY KEY,
  cart_id INTEGER NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  variant_id INTEGER NULL REFERENCES product_variants (id) ON DELETE CASCADE,
  variant_key INTEGER NOT NULL DEFAULT 0,
  quantity INTEGER NOT NULL CONSTRAINT chk_cart_items_quantity CHECK (quantity > 0),
  -- The unit price when the line was added or last confirmed: a later price shows a warning.
  unit_price INTEGER NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX idx_cart_items_cart_id_product_id_variant_key
  ON cart_items (cart_id, product_id, variant_key);

CREATE TABLE shipping_methods (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NULL,
  min_days INTEGER NOT NULL DEFAULT 0,
  max_days INTEGER NOT NULL DEFAULT 0,
  -- Price where no regional rate applies.
  base_price INTEGER NOT NULL DEFAULT 0,
  -- Free when the subtotal after discounts reaches this; NULL: never free.
  free_over INTEGER NULL,
  -- Picked up by the customer: never chosen by default for delivery to an address.
  is_pickup INTEGER NOT NULL DEFAULT 0 CONSTRAINT chk_shipping_methods_is_pickup CHECK (is_pickup IN (0, 1)),
  is_active INTEGER NOT NULL DEFAULT 1 CONSTRAINT chk_shipping_methods_is_active CHECK (is_active IN (0, 1)),
  sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX idx_shipping_methods_code ON shipping_methods (code);

CREATE TABLE shipping_rates (
  id INTEGER PRIMARY KEY,
  method_id INTEGER NOT NULL REFERENCES shipping_methods (id) ON DELETE CASCADE,
  region TEXT NOT NULL,
  price INTEGER NOT NULL
);
CREATE UNIQUE INDEX idx_shipping_rates_method_id_region ON shipping_rates (method_id, region);

CREATE TABLE coupons (
  id INTEGER PRIMARY KEY,
  -- Stored upper-case; codes compare case-insensitively.
  code TEXT NOT NULL,
  type TEXT NOT NULL CONSTRAINT chk_coupons_type CHECK (type IN ('percentage', 'fixed', 'free_shipping')),
  -- percentage: 1-100; fixed: minor units; free_shipping: 0
  value INTEGER NOT NULL DEFAULT 0,
  min_subtotal INTEGER NOT NULL DEFAULT 0,
  starts_at TEXT NULL,
  ends_at TEXT NULL,
  usage_limit INTEGER NULL,
  usage_limit_per_customer INTEGER NULL,
  times_used INTEGER NOT NULL DEFAULT 0,
  is_active INTEGER NOT NULL DEFAULT 1 CONSTRAINT chk_coupons_is_active CHECK (is_active IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT chk_coupons_times_used CHECK (times_used >= 0 AND (usage_limit IS NULL OR times_used <= usage_limit))
);
CREATE UNIQUE INDEX idx_coupons_code ON coupons (code);

-- Optional scope: when a coupon has rows here it discounts only those products/categories.
CREATE TABLE coupon_products (
  coupon_id INTEGER NOT NULL REFERENCES coupons (id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  PRIMARY KEY (coupon_id, product_id)
);
CREATE TABLE coupon_categories (
  coupon_id INTEGER NOT NULL REFERENCES coupons (id) ON DELETE CASCADE,
  category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
  PRIMARY KEY (coupon_id, category_id)
);

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  -- MOD-YYYY-XXXXXX from a random alphabet: unique, not sequential.
  order_number TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users (id),
  status TEXT NOT NULL DEFAULT 'pending' CONSTRAINT chk_orders_status
    CHECK (status IN ('pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded')),
  payment_status TEXT NOT NULL DEFAULT 'pending' CONSTRAINT chk_orders_payment_status
    CHECK (payment_status IN ('pending', 'paid', 'failed', 'refunded', 'partially_refunded')),
  payment_method TEXT NOT NULL,
  -- The provider's id for the charge (e.g. a Stripe PaymentIntent id).
  payment_reference TEXT NULL,
  currency TEXT NOT NULL DEFAULT 'CLP',
  subtotal INTEGER NOT NULL,
  discount_amount INTEGER NOT NULL DEFAULT 0,
  shipping_amount INTEGER NOT NULL DEFAULT 0,
  tax_amount INTEGER NOT NULL DEFAULT 0,
  total_amount INTEGER NOT NULL,
  refunded_amount INTEGER NOT NULL DEFAULT 0,
  coupon_id INTEGER NULL REFERENCES coupons (id),
  coupon_code TEXT NULL,
  shipping_method TEXT NOT NULL,
  shipping_region TEXT NOT NULL,
  -- JSON of the address, encrypted (crypto::Cipher "v1:...")
  shipping_address TEXT NOT NULL,
  billing_address TEXT NULL,
  notes TEXT NULL,
  tracking_number TEXT NULL,
  -- Unpaid card orders release their stock after this; NULL: held until cancelled.
  reserved_until TEXT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  paid_at TEXT NULL,
  shipped_at TEXT NULL,
  delivered_at TEXT NULL,
  cancelled_at TEXT NULL,
  CONSTRAINT chk_orders_amounts CHECK (subtotal >= 0 AND discount_amount >= 0 AND shipping_amount >= 0
    AND tax_amount >= 0 AND total_amount >= 0 AND refunded_amount >= 0 AND refunded_amount <= total_amount)
);
CREATE UNIQUE INDEX idx_orders_order_number ON orders (order_number);
CREATE INDEX idx_orders_user_id_created_at ON orders (user_id, created_at);
CREATE INDEX idx_orders_status_created_at ON orders (status, created_at);
CREATE INDEX idx_orders_created_at ON orders (created_at);
CREATE INDEX idx_orders_reserved_until ON orders (reserved_until);
CREATE INDEX idx_orders_payment_reference ON orders (payment_reference);

CREATE TABLE order_items (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES products (id),
  variant_id INTEGER NULL REFERENCES product_variants (id),
  sku TEXT NOT NULL,
  name TEXT NOT NULL,
  variant_name TEXT NULL,
  image_url TEXT NULL,
  unit_price INTEGER NOT NULL,
  quantity INTEGER NOT NULL CONSTRAINT chk_order_items_quantity CHECK (quantity > 0),
  discount_amount INTEGER NOT NULL DEFAULT 0,
  line_total INTEGER NOT NULL
);
CREATE INDEX idx_order_items_order_id ON order_items (order_id);
CREATE INDEX idx_order_items_product_id ON order_items (product_id);

-- Units of an order line held in (then taken from) one inventory row.
CREATE TABLE stock_reservations (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  order_item_id INTEGER NOT NULL REFERENCES order_items (id) ON DELETE CASCADE,
  inventory_id INTEGER NOT NULL REFERENCES inventory (id),
  quantity INTEGER NOT NULL CONSTRAINT chk_stock_reservations_quantity CHECK (quantity > 0),
  state TEXT NOT NULL DEFAULT 'reserved' CONSTRAINT chk_stock_reservations_state
    CHECK (state IN ('reserved', 'committed', 'released')),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_stock_reservations_order_id ON stock_reservations (order_id);
CREATE INDEX idx_stock_reservations_inventory_id ON stock_reservations (inventory_id);

CREATE TABLE order_status_history (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  from_status TEXT NULL,
  to_status TEXT NOT NULL,
  actor_user_id INTEGER NULL,
  -- customer, staff, system, payment
  actor_kind TEXT NOT NULL DEFAULT 'system',
  note TEXT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_order_status_history_order_id ON order_status_history (order_id, id);

-- Money movements: charges and refunds, by provider.
CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  provider TEXT NOT NULL,
  kind TEXT NOT NULL CONSTRAINT chk_payments_kind CHECK (kind IN ('charge', 'refund')),
  status TEXT NOT NULL CONSTRAINT chk_payments_status CHECK (status IN ('pending', 'succeeded', 'failed')),
  amount INTEGER NOT NULL,
  provider_reference TEXT NULL,
  failure_code TEXT NULL,
  failure_message TEXT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_payments_order_id ON payments (order_id);

-- Coupon uses, one per order; per-customer limits count these.
CREATE TABLE coupon_redemptions (
  id INTEGER PRIMARY KEY,
  coupon_id INTEGER NOT NULL REFERENCES coupons (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  discount_amount INTEGER NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX idx_coupon_redemptions_order_id ON coupon_redemptions (order_id);
CREATE INDEX idx_coupon_redemptions_coupon_id_user_id ON coupon_redemptions (coupon_id, user_id);

-- Provider webhook events already applied (replays are ignored).
CREATE TABLE payment_events (
  event_id TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  type TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Idempotency-Key replays: the first response for (scope, key), 24 hours.
CREATE TABLE idempotency_keys (
  id INTEGER PRIMARY KEY,
  -- "user:<id>" or "guest:<hash>", plus the operation
  scope TEXT NOT NULL,
  idem_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  -- What the first request created (an order id), set in its transaction.
  resource_id INTEGER NULL,
  status_code INTEGER NULL,
  response_body TEXT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX idx_idempotency_keys_scope_idem_key ON idempotency_keys (scope, idem_key);
CREATE INDEX idx_idempotency_keys_created_at ON idempotency_keys (created_at);

-- One open alert per inventory row whose available stock fell to its reorder point.
CREATE TABLE stock_alerts (
  id INTEGER PRIMARY KEY,
  inventory_id INTEGER NOT NULL REFERENCES inventory (id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL,
  variant_id INTEGER NULL,
  warehouse_id INTEGER NOT NULL,
  available INTEGER NOT NULL,
  reorder_point INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CONSTRAINT chk_stock_alerts_status CHECK (status IN ('open', 'resolved')),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  resolved_at TEXT NULL
);
CREATE INDEX idx_stock_alerts_inventory_id_status ON stock_alerts (inventory_id, status);
CREATE INDEX idx_stock_alerts_status_created_at ON stock_alerts (status, created_at);

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
