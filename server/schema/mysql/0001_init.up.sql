-- Accounts, catalog, stock and reviews (seed section 6).
-- Money is integer minor units (CLP has none, so 12990 is $12.990), timestamps are UTC
-- DATETIME (the driver sets time_zone to +00:00), booleans are BOOLEAN.
-- Defaults on TEXT and JSON columns are written as expressions, which MySQL 8 also accepts.

CREATE TABLE users (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(255) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  name VARCHAR(255) NOT NULL,
  phone TEXT NULL,  -- encrypted at rest ("v1:" + base64 of nonce, ciphertext and tag)
  role VARCHAR(20) NOT NULL DEFAULT 'customer',
  email_verified BOOLEAN NOT NULL DEFAULT FALSE,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  password_changed_at DATETIME NULL,
  token_version INT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY idx_users_email (email),
  KEY idx_users_role (role),
  KEY idx_users_created_at (created_at),
  CONSTRAINT chk_users_role CHECK (role IN ('customer', 'manager', 'admin', 'super_admin'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE categories (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  slug VARCHAR(255) NOT NULL,
  description TEXT NULL,
  parent_id BIGINT NULL,
  image_url VARCHAR(500) NULL,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  sort_order INT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY idx_categories_slug (slug),
  KEY idx_categories_parent_id (parent_id),
  KEY idx_categories_is_active_sort_order (is_active, sort_order),
  CONSTRAINT fk_categories_parent_id FOREIGN KEY (parent_id) REFERENCES categories (id)
    ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE brands (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  slug VARCHAR(255) NOT NULL,
  description TEXT NULL,
  logo_url VARCHAR(500) NULL,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY idx_brands_name (name),
  UNIQUE KEY idx_brands_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE products (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  slug VARCHAR(255) NOT NULL,
  sku VARCHAR(100) NOT NULL,
  short_description VARCHAR(500) NULL,
  description TEXT NULL,
  -- Lower-cased, accent-folded name, SKU, brand and descriptions, written by the application
  -- (text::Fold), so that search is a plain LIKE in both dialects.
  search_text MEDIUMTEXT NOT NULL DEFAULT (''),
  price BIGINT NOT NULL,
  compare_price BIGINT NULL,
  cost_price BIGINT NULL,
  currency CHAR(3) NOT NULL DEFAULT 'CLP',
  category_id BIGINT NOT NULL,
  brand_id BIGINT NULL,
  weight_grams INT NULL,
  -- {"length_cm": .., "width_cm": .., "height_cm": ..}
  dimensions JSON NULL,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  is_featured BOOLEAN NOT NULL DEFAULT FALSE,
  meta_title VARCHAR(255) NULL,
  meta_description VARCHAR(500) NULL,
  rating_avg DOUBLE NULL,
  reviews_count INT NOT NULL DEFAULT 0,
  sales_count INT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  deleted_at DATETIME NULL,
  UNIQUE KEY idx_products_slug (slug),
  UNIQUE KEY idx_products_sku (sku),
  -- The catalog list shows visible products (is_active = 1 AND deleted_at IS NULL), filters by
  -- category or brand and sorts by price, date, name, sales or rating with id as tiebreak.
  -- Each sort has an index that starts with visibility, then the sort key, then the filter
  -- columns, so a page (at any depth) and its count are read from the index alone; InnoDB
  -- secondary keys already end with the primary key.
  KEY idx_products_visible_price (is_active, deleted_at, price, category_id, brand_id),
  KEY idx_products_visible_created_at (is_active, deleted_at, created_at, category_id, brand_id),
  KEY idx_products_visible_name (is_active, deleted_at, name, category_id, brand_id),
  KEY idx_products_visible_sales_count (is_active, deleted_at, sales_count, category_id, brand_id),
  KEY idx_products_visible_rating_avg (is_active, deleted_at, rating_avg, category_id, brand_id),
  KEY idx_products_category_id_visible_price (category_id, is_active, deleted_at, price),
  KEY idx_products_brand_id_visible_price (brand_id, is_active, deleted_at, price),
  KEY idx_products_is_featured (is_featured),
  CONSTRAINT chk_products_price CHECK (price >= 0),
  CONSTRAINT chk_products_compare_price CHECK (compare_price >= 0),
  CONSTRAINT chk_products_cost_price CHECK (cost_price >= 0),
  CONSTRAINT fk_products_category_id FOREIGN KEY (category_id) REFERENCES categories (id),
  CONSTRAINT fk_products_brand_id FOREIGN KEY (brand_id) REFERENCES brands (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE product_images (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_id BIGINT NOT NULL,
  url VARCHAR(500) NOT NULL,
  alt VARCHAR(255) NULL,
  position INT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY idx_product_images_product_id_position (product_id, position),
  CONSTRAINT fk_product_images_product_id FOREIGN KEY (product_id) REFERENCES products (id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE product_variants (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_id BIGINT NOT NULL,
  name VARCHAR(255) NOT NULL,
  sku VARCHAR(100) NOT NULL,
  -- NULL prices and weight mean "as the product".
  price BIGINT NULL,
  compare_price BIGINT NULL,
  cost_price BIGINT NULL,
  weight_grams INT NULL,
  -- Option name to value, e.g. {"talla": "42", "color": "Negro"}
  options JSON NOT NULL DEFAULT ('{}'),
  barcode VARCHAR(100) NULL,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  position INT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY idx_product_variants_sku (sku),
  KEY idx_product_variants_product_id_position (product_id, position),
  CONSTRAINT chk_product_variants_price CHECK (price >= 0),
  CONSTRAINT chk_product_variants_compare_price CHECK (compare_price >= 0),
  CONSTRAINT chk_product_variants_cost_price CHECK (cost_price >= 0),
  CONSTRAINT fk_product_variants_product_id FOREIGN KEY (product_id) REFERENCES products (id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE warehouses (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(50) NOT NULL,
  name VARCHAR(255) NOT NULL,
  city VARCHAR(100) NOT NULL,
  region VARCHAR(100) NOT NULL,
  -- Lower is preferred when choosing where to take stock from.
  priority INT NOT NULL DEFAULT 100,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY idx_warehouses_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE inventory (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_id BIGINT NOT NULL,
  variant_id BIGINT NULL,
  -- NULLs are distinct in a unique key, so "no variant" needs a value of its own: the
  -- application writes COALESCE(variant_id, 0). (A generated column would be neater, but
  -- MySQL 8 forbids ON DELETE CASCADE on the base column of a stored generated column.)
  variant_key BIGINT NOT NULL DEFAULT 0,
  warehouse_id BIGINT NOT NULL,
  quantity INT NOT NULL DEFAULT 0,
  reserved_quantity INT NOT NULL DEFAULT 0,
  reorder_point INT NOT NULL DEFAULT 10,
  reorder_quantity INT NOT NULL DEFAULT 50,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY idx_inventory_product_id_variant_key_warehouse_id
    (product_id, variant_key, warehouse_id),
  KEY idx_inventory_warehouse_id (warehouse_id),
  KEY idx_inventory_variant_id (variant_id),
  -- "In stock" checks read quantities from the index alone.
  KEY idx_inventory_product_id_quantity (product_id, quantity, reserved_quantity),
  CONSTRAINT chk_inventory_quantity CHECK (quantity >= 0),
  CONSTRAINT chk_inventory_reserved_quantity
    CHECK (reserved_quantity >= 0 AND reserved_quantity <= quantity),
  CONSTRAINT fk_inventory_product_id FOREIGN KEY (product_id) REFERENCES products (id)
    ON DELETE CASCADE,
  CONSTRAINT fk_inventory_variant_id FOREIGN KEY (variant_id) REFERENCES product_variants (id)
    ON DELETE CASCADE,
  CONSTRAINT fk_inventory_warehouse_id FOREIGN KEY (warehouse_id) REFERENCES warehouses (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE reviews (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  -- Becomes a foreign key when the orders table exists.
  order_id BIGINT NULL,
  rating INT NOT NULL,
  title VARCHAR(255) NULL,
  comment TEXT NULL,
  is_verified_purchase BOOLEAN NOT NULL DEFAULT FALSE,
  status VARCHAR(20) NOT NULL DEFAULT 'approved',
  helpful_count INT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY idx_reviews_product_id_user_id (product_id, user_id),
  KEY idx_reviews_product_id_status_created_at (product_id, status, created_at),
  KEY idx_reviews_user_id (user_id),
  CONSTRAINT chk_reviews_rating CHECK (rating BETWEEN 1 AND 5),
  CONSTRAINT chk_reviews_status CHECK (status IN ('pending', 'approved', 'rejected')),
  CONSTRAINT fk_reviews_product_id FOREIGN KEY (product_id) REFERENCES products (id)
    ON DELETE CASCADE,
  CONSTRAINT fk_reviews_user_id FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
