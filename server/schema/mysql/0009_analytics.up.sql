-- Daily sales rollups for the dashboard and analytics (issue 6). Maintained by the analytics
-- listener inside the transaction of each order event, and rebuilt from the orders tables by
-- `moderno rebuild-rollups`. Days are UTC dates. Money is BIGINT minor units.
--   placed-day figures: orders placed that day (orders_placed, placed_amount, cancelled_orders:
--     those of them cancelled since, analytics_daily_status: those of them by current status);
--   paid-day figures: orders whose payment arrived that day (paid_orders, gross_revenue,
--     units_sold, and the product, category, brand, payment method and coupon tables);
--   refunds: money given back that day.
CREATE TABLE analytics_daily (
  day DATE NOT NULL PRIMARY KEY,
  orders_placed BIGINT NOT NULL DEFAULT 0,
  placed_amount BIGINT NOT NULL DEFAULT 0,
  cancelled_orders BIGINT NOT NULL DEFAULT 0,
  paid_orders BIGINT NOT NULL DEFAULT 0,
  gross_revenue BIGINT NOT NULL DEFAULT 0,
  refunds BIGINT NOT NULL DEFAULT 0,
  units_sold BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE analytics_daily_status (
  day DATE NOT NULL,
  status VARCHAR(32) NOT NULL,
  orders BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE analytics_daily_product (
  day DATE NOT NULL,
  product_id BIGINT NOT NULL,
  units BIGINT NOT NULL DEFAULT 0,
  revenue BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, product_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE analytics_daily_category (
  day DATE NOT NULL,
  category_id BIGINT NOT NULL,
  units BIGINT NOT NULL DEFAULT 0,
  revenue BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, category_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- brand_id 0: products without a brand.
CREATE TABLE analytics_daily_brand (
  day DATE NOT NULL,
  brand_id BIGINT NOT NULL,
  units BIGINT NOT NULL DEFAULT 0,
  revenue BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, brand_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE analytics_daily_payment (
  day DATE NOT NULL,
  payment_method VARCHAR(32) NOT NULL,
  orders BIGINT NOT NULL DEFAULT 0,
  revenue BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, payment_method)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE analytics_daily_coupon (
  day DATE NOT NULL,
  coupon_code VARCHAR(64) NOT NULL,
  orders BIGINT NOT NULL DEFAULT 0,
  discount BIGINT NOT NULL DEFAULT 0,
  revenue BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, coupon_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- New customers and carts created in a period are counted from these indexes directly.
CREATE INDEX idx_users_role_created_at ON users (role, created_at);
CREATE INDEX idx_carts_created_at ON carts (created_at);
