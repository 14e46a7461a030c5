-- Accounts, catalog, stock and reviews (seed section 6).
-- Money is integer minor units (CLP has none, so 12990 is $12.990), timestamps are UTC text
-- 'YYYY-MM-DD HH:MM:SS', booleans are 0/1. updated_at is written by the application.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  phone TEXT NULL,
  role TEXT NOT NULL DEFAULT 'customer'
    CONSTRAINT chk_users_role CHECK (role IN ('customer', 'manager', 'admin', 'super_admin')),
  email_verified INTEGER NOT NULL DEFAULT 0
    CONSTRAINT chk_users_email_verified CHECK (email_verified IN (0, 1)),
  is_active INTEGER NOT NULL DEFAULT 1
    CONSTRAINT chk_users_is_active CHECK (is_active IN (0, 1)),
  password_changed_at TEXT NULL,
  token_version INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX idx_users_email ON users (email);
CREATE INDEX idx_users_role ON users (role);
CREATE INDEX idx_users_created_at ON users (created_at);

CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  slug TEXT NOT NULL,
  description TEXT NULL,
  parent_id INTEGER NULL REFERENCES categories (id) ON DELETE SET NULL,
  image_url TEXT NULL,
  is_active INTEGER NOT NULL DEFAULT 1
    CONSTRAINT chk_categories_is_active CHECK (is_active IN (0, 1)),
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX idx_categories_slug ON categories (slug);
CREATE INDEX idx_categories_parent_id ON categories (parent_id);
CREATE INDEX idx_categories_is_active_sort_order ON categories (is_active, sort_order);

CREATE TABLE brands (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  slug TEXT NOT NULL,
  description TEXT NULL,
  logo_url TEXT NULL,
  is_active INTEGER NOT NULL DEFAULT 1
    CONSTRAINT chk_brands_is_active CHECK (is_active IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX idx_brands_name ON brands (name);
CREATE UNIQUE INDEX idx_brands_slug ON brands (slug);

CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  slug TEXT NOT NULL,
  sku TEXT NOT NULL,
  short_description TEXT NULL,
  description TEXT NULL,
  -- Lower-cased, accent-folded name, SKU, brand and descriptions, written by the application
  -- (text::Fold), so that search is a plain LIKE in both dialects.
  search_text TEXT NOT NULL DEFAULT '',
  price INTEGER NOT NULL CONSTRAINT chk_products_price CHECK (price >= 0),
  compare_price INTEGER NULL CONSTRAINT chk_products_compare_price CHECK (compare_price >= 0),
  cost_price INTEGER NULL CONSTRAINT chk_products_cost_price CHECK (cost_price >= 0),
  currency TEXT NOT NULL DEFAULT 'CLP',
  category_id INTEGER NOT NULL REFERENCES categories (id),
  brand_id INTEGER NULL REFERENCES brands (id),
  weight_grams INTEGER NULL,
  -- JSON: {"length_cm": .., "width_cm": .., "height_cm": ..}
  dimensions TEXT NULL,
  is_active INTEGER NOT NULL DEFAULT 1
    CONSTRAINT chk_products_is_active CHECK (is_active IN (0, 1)),
  is_featured INTEGER NOT NULL DEFAULT 0
    CONSTRAINT chk_products_is_featured CHECK (is_featured IN (0, 1)),
  meta_title TEXT NULL,
  meta_description TEXT NULL,
  rating_avg REAL NULL,
  reviews_count INTEGER NOT NULL DEFAULT 0,
  sales_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at TEXT NULL
);
CREATE UNIQUE INDEX idx_products_slug ON products (slug);
CREATE UNIQUE INDEX idx_products_sku ON products (sku);
-- The catalog list shows visible products (is_active = 1 AND deleted_at IS NULL), filters by
-- category or brand and sorts by price, date, name, sales or rating with id as tiebreak.
-- Each sort has an index that starts with visibility, then the sort key, then the filter
-- columns, so a page (at any depth) and its count are read from the index alone (every index
-- already ends with the rowid).
CREATE INDEX idx_products_visible_price ON products (is_active, deleted_at, price, category_id, brand_id);
CREATE INDEX idx_products_visible_created_at ON products (is_active, deleted_at, created_at, category_id, brand_id);
CREATE INDEX idx_products_visible_name ON products (is_active, deleted_at, name, category_id, brand_id);
CREATE INDEX idx_products_visible_sales_count ON products (is_active, deleted_at, sales_count, category_id, brand_id);
CREATE INDEX idx_products_visible_rating_avg ON products (is_active, deleted_at, rating_avg, category_id, brand_id);
CREATE INDEX idx_products_category_id_visible_price ON products (category_id, is_active, deleted_at, price);
CREATE INDEX idx_products_brand_id_visible_price ON products (brand_id, is_active, deleted_at, price);
CREATE INDEX idx_products_is_featured ON products (is_featured);

CREATE TABLE product_images (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  alt TEXT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_product_images_product_id_position ON product_images (product_id, position);

CREATE TABLE product_variants (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  sku TEXT NOT NULL,
  -- NULL prices and weight mean "as the product".
  price INTEGER NULL CONSTRAINT chk_product_variants_price CHECK (price >= 0),
  compare_price INTEGER NULL
    CONSTRAINT chk_product_variants_compare_price CHECK (compare_price >= 0),
  cost_price INTEGER NULL CONSTRAINT chk_product_variants_cost_price CHECK (cost_price >= 0),
  weight_grams INTEGER NULL,
  -- JSON object of option name to value, e.g. {"talla": "42", "color": "Negro"}
  options TEXT NOT NULL DEFAULT '{}',
  barcode TEXT NULL,
  is_active INTEGER NOT NULL DEFAULT 1
    CONSTRAINT chk_product_variants_is_active CHECK (is_active IN (0, 1)),
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX idx_product_variants_sku ON product_variants (sku);
CREATE INDEX idx_product_variants_product_id_position ON product_variants (product_id, position);

CREATE TABLE warehouses (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  city TEXT NOT NULL,
  region TEXT NOT NULL,
  -- Lower is preferred when choosing where to take stock from.
  priority INTEGER NOT NULL DEFAULT 100,
  is_active INTEGER NOT NULL DEFAULT 1
    CONSTRAINT chk_warehouses_is_active CHECK (is_active IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX idx_warehouses_code ON warehouses (code);

CREATE TABLE inventory (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  variant_id INTEGER NULL REFERENCES product_variants (id) ON DELETE CASCADE,
  -- NULLs are distinct in a unique index, so "no variant" needs a value of its own: the
  -- application writes COALESCE(variant_id, 0), as on MySQL 8 (see the mysql schema).
  variant_key INTEGER NOT NULL DEFAULT 0,
  warehouse_id INTEGER NOT NULL REFERENCES warehouses (id),
  quantity INTEGER NOT NULL DEFAULT 0,
  reserved_quantity INTEGER NOT NULL DEFAULT 0,
  reorder_point INTEGER NOT NULL DEFAULT 10,
  reorder_quantity INTEGER NOT NULL DEFAULT 50,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT chk_inventory_quantity CHECK (quantity >= 0),
  CONSTRAINT chk_inventory_reserved_quantity
    CHECK (reserved_quantity >= 0 AND reserved_quantity <= quantity)
);
CREATE UNIQUE INDEX idx_inventory_product_id_variant_key_warehouse_id
  ON inventory (product_id, variant_key, warehouse_id);
CREATE INDEX idx_inventory_warehouse_id ON inventory (warehouse_id);
CREATE INDEX idx_inventory_variant_id ON inventory (variant_id);
-- "In stock" checks read quantities from the index alone.
CREATE INDEX idx_inventory_product_id_quantity ON inventory (product_id, quantity, reserved_quantity);

CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users (id),
  -- Becomes a foreign key when the orders table exists.
  order_id INTEGER NULL,
  rating INTEGER NOT NULL CONSTRAINT chk_reviews_rating CHECK (rating BETWEEN 1 AND 5),
  title TEXT NULL,
  comment TEXT NULL,
  is_verified_purchase INTEGER NOT NULL DEFAULT 0
    CONSTRAINT chk_reviews_is_verified_purchase CHECK (is_verified_purchase IN (0, 1)),
  status TEXT NOT NULL DEFAULT 'approved'
    CONSTRAINT chk_reviews_status CHECK (status IN ('pending', 'approved', 'rejected')),
  helpful_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX idx_reviews_product_id_user_id ON reviews (product_id, user_id);
CREATE INDEX idx_reviews_product_id_status_created_at ON reviews (product_id, status, created_at);
CREATE INDEX idx_reviews_user_id ON reviews (user_id);
