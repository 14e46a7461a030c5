-- Daily sales rollups for the dashboard and analytics (issue 6). Maintained by the analytics
-- listener inside the transaction of each order event, and rebuilt from the orders tables by
-- `moderno rebuild-rollups`. Days are UTC dates 'YYYY-MM-DD'. Money is INTEGER minor units.
--   placed-day figures: orders placed that day (orders_placed, placed_amount, cancelled_orders:
--     those of them cancelled since, analytics_daily_status: those of them by current status);
--   paid-day figures: orders whose payment arrived that day (paid_orders, gross_revenue,
--     units_sold, and the product, category, brand, payment method and coupon tables);
--   refunds: money given back that day.
CREATE TABLE analytics_daily (
  day TEXT PRIMARY KEY,
  orders_placed INTEGER NOT NULL DEFAULT 0,
  placed_amount INTEGER NOT NULL DEFAULT 0,
  cancelled_orders INTEGER NOT NULL DEFAULT 0,
  paid_orders INTEGER NOT NULL DEFAULT 0,
  gross_revenue INTEGER NOT NULL DEFAULT 0,
  refunds INTEGER NOT NULL DEFAULT 0,
  units_sold INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE analytics_daily_status (
  day TEXT NOT NULL,
  status TEXT NOT NULL,
  orders INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, status)
);

CREATE TABLE analytics_daily_product (
  day TEXT NOT NULL,
  product_id INTEGER NOT NULL,
  units INTEGER NOT NULL DEFAULT 0,
  revenue INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, product_id)
);

CREATE TABLE analytics_daily_category (
  day TEXT NOT NULL,
  category_id INTEGER NOT NULL,
  units INTEGER NOT NULL DEFAULT 0,
  revenue INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, category_id)
);

-- brand_id 0: products without a brand.
CREATE TABLE analytics_daily_brand (
  day TEXT NOT NULL,
  brand_id INTEGER NOT NULL,
  units INTEGER NOT NULL DEFAULT 0,
  revenue INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, brand_id)
);

CREATE TABLE analytics_daily_payment (
  day TEXT NOT NULL,
  payment_method TEXT NOT NULL,
  orders INTEGER NOT NULL DEFAULT 0,
  revenue INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, payment_method)
);

CREATE TABLE analytics_daily_coupon (
  day TEXT NOT NULL,
  coupon_code TEXT NOT NULL,
  orders INTEGER NOT NULL DEFAULT 0,
  discount INTEGER NOT NULL DEFAULT 0,
  revenue INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, coupon_code)
);

-- New customers and carts created in a period are counted from these indexes directly.
CREATE INDEX idx_users_role_created_at ON users (role, created_at);
CREATE INDEX idx_carts_created_at ON carts (created_at);
