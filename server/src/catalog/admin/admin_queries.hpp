#pragma once
// SQL of the catalog's staff writes; the same text serves both dialects. Rows that are read
// and then rewritten are first "touched" by an UPDATE of the same row, which takes the row
// lock on InnoDB (SQLite's writer already holds the database lock), so concurrent edits queue
// instead of overwriting each other.
#include <string_view>

namespace moderno::catalog::admin_sql {

// --- Products -------------------------------------------------------------------------------

inline constexpr std::string_view kProductSkuTaken =
    "SELECT id FROM products WHERE sku = ? AND id <> ?";
inline constexpr std::string_view kProductSlugTaken =
    "SELECT id FROM products WHERE slug = ? AND id <> ?";
// The slug and its numbered forms ("slug-2", ...), to pick a free one in one query.
inline constexpr std::string_view kProductSlugsLike =
    "SELECT slug FROM products WHERE slug = ? OR slug LIKE ?";
inline constexpr std::string_view kCategoryIsActive =
    "SELECT is_active FROM categories WHERE id = ?";
inline constexpr std::string_view kBrandNameAndState =
    "SELECT name, is_active FROM brands WHERE id = ?";

inline constexpr std::string_view kInsertProduct =
    "INSERT INTO products (name, slug, sku, short_description, description, search_text, price, "
    "compare_price, cost_price, currency, category_id, brand_id, weight_grams, dimensions, "
    "is_active, is_featured, meta_title, meta_description) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

// Takes the row lock; affects no row when the product does not exist or was deleted.
inline constexpr std::string_view kLockProduct =
    "UPDATE products SET updated_at = CURRENT_TIMESTAMP WHERE id = ? AND deleted_at IS NULL";

// Indexes 0..16, read by ReadProductRow.
inline constexpr std::string_view kProductForUpdate =
    "SELECT name, slug, sku, short_description, description, price, compare_price, cost_price, "
    "currency, category_id, brand_id, weight_grams, dimensions, is_active, is_featured, "
    "meta_title, meta_description FROM products WHERE id = ?";

inline constexpr std::string_view kUpdateProduct =
    "UPDATE products SET name = ?, slug = ?, sku = ?, short_description = ?, description = ?, "
    "search_text = ?, price = ?, compare_price = ?, cost_price = ?, currency = ?, "
    "category_id = ?, brand_id = ?, weight_grams = ?, dimensions = ?, is_active = ?, "
    "is_featured = ?, meta_title = ?, meta_description = ?, updated_at = CURRENT_TIMESTAMP "
    "WHERE id = ?";

inline constexpr std::string_view kSoftDeleteProduct =
    "UPDATE products SET is_active = 0, deleted_at = CURRENT_TIMESTAMP, "
    "updated_at = CURRENT_TIMESTAMP WHERE id = ? AND deleted_at IS NULL";

inline constexpr std::string_view kDeleteImages = "DELETE FROM product_images WHERE product_id = ?";
inline constexpr std::string_view kInsertImage =
    "INSERT INTO product_images (product_id, url, alt, position) VALUES (?, ?, ?, ?)";

inline constexpr std::string_view kVariantSkuTaken =
    "SELECT id FROM product_variants WHERE sku = ? AND id <> ?";
inline constexpr std::string_view kVariantsForUpdate =
    "SELECT id, name, sku, price, compare_price, options, barcode, is_active "
    "FROM product_variants WHERE product_id = ? ORDER BY position, id";
inline constexpr std::string_view kInsertVariant =
    "INSERT INTO product_variants (product_id, name, sku, price, compare_price, options, barcode, "
    "is_active, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr std::string_view kUpdateVariant =
    "UPDATE product_variants SET name = ?, sku = ?, price = ?, compare_price = ?, options = ?, "
    "barcode = ?, is_active = ?, position = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?";
inline constexpr std::string_view kDeactivateVariant =
    "UPDATE product_variants SET is_active = 0, updated_at = CURRENT_TIMESTAMP WHERE id = ?";

// Where initial stock goes: the active warehouse with the lowest priority value.
inline constexpr std::string_view kPreferredWarehouse =
    "SELECT id, code FROM warehouses WHERE is_active = 1 ORDER BY priority, id LIMIT 1";

// The staff view of one product: the public detail columns (catalog/queries.hpp) plus these
// (indexes 24..26), active or not; kStaffWhere leaves deleted products out, kStaffWhereAny
// (the edit form) does not.
inline constexpr std::string_view kStaffColumns = ", p.is_active, p.cost_price, p.deleted_at";
inline constexpr std::string_view kStaffWhere = " WHERE p.id = ? AND p.deleted_at IS NULL";
inline constexpr std::string_view kStaffWhereAny = " WHERE p.id = ?";
inline constexpr std::string_view kCategoryCrumb =
    "SELECT id, name, slug, parent_id FROM categories WHERE id = ?";

// A brand's products, to rewrite their search text after the brand is renamed.
inline constexpr std::string_view kSearchFieldsOfBrand =
    "SELECT id, name, sku, short_description, description FROM products WHERE brand_id = ?";
inline constexpr std::string_view kUpdateSearchText =
    "UPDATE products SET search_text = ? WHERE id = ?";

// --- Product reads (the staff table and the edit form) ------------------------------------

// The staff table: the page's ids are chosen first (WHERE, ORDER BY and LIMIT go inside, the
// same order outside), then only the page's rows get their stock, variant count and first
// image. Columns 0..18 in order of ReadStaffRow.
inline constexpr std::string_view kStaffRowColumns =
    "SELECT p.id, p.sku, p.name, p.slug, p.price, p.compare_price, p.currency, p.is_active, "
    "p.is_featured, p.deleted_at, c.id, c.name, b.id, b.name, "
    "(SELECT COALESCE(SUM(i.quantity - i.reserved_quantity), 0) FROM inventory i "
    "WHERE i.product_id = p.id), "
    "(SELECT COUNT(*) FROM product_variants v WHERE v.product_id = p.id AND v.is_active = 1), "
    "(SELECT pi.url FROM product_images pi WHERE pi.product_id = p.id "
    "ORDER BY pi.position, pi.id LIMIT 1), "
    "p.updated_at, p.created_at";
inline constexpr std::string_view kStaffPageIdsFrom = " FROM (SELECT p.id FROM products p";
inline constexpr std::string_view kStaffPageJoin =
    ") page JOIN products p ON p.id = page.id LEFT JOIN categories c ON c.id = p.category_id "
    "LEFT JOIN brands b ON b.id = p.brand_id";
inline constexpr std::string_view kStaffCount = "SELECT COUNT(*) FROM products p";

// Lifecycle filters of the table (appended after " WHERE 1 = 1").
inline constexpr std::string_view kStatusNotDeleted = " AND p.deleted_at IS NULL";
inline constexpr std::string_view kStatusActive = " AND p.is_active = 1 AND p.deleted_at IS NULL";
inline constexpr std::string_view kStatusInactive =
    " AND p.is_active = 0 AND p.deleted_at IS NULL";
inline constexpr std::string_view kStatusDeleted = " AND p.deleted_at IS NOT NULL";
// Name or SKU contains the text: both parameters are the same lower-cased pattern, with '!'
// escaping the wildcards. LOWER makes the match case-insensitive where the column's collation
// is not (SQLite folds ASCII only; MariaDB's unicode_ci folds case and accents).
inline constexpr std::string_view kNameOrSkuLike =
    " AND (LOWER(p.name) LIKE ? ESCAPE '!' OR LOWER(p.sku) LIKE ? ESCAPE '!')";
inline constexpr std::string_view kInCategory = " AND p.category_id = ?";
inline constexpr std::string_view kOfBrand = " AND p.brand_id = ?";
// The sort key of "stock", repeated in ORDER BY (a correlated subquery is allowed there in
// both dialects; an alias of the outer select is not visible inside the derived table).
inline constexpr std::string_view kAvailableOfProduct =
    "(SELECT COALESCE(SUM(i.quantity - i.reserved_quantity), 0) FROM inventory i "
    "WHERE i.product_id = p.id)";

// Every inventory row of a product with its warehouse and SKU, for the edit form.
inline constexpr std::string_view kStockLevelsOf =
    "SELECT w.id, w.code, w.name, i.variant_id, COALESCE(v.sku, p.sku), i.quantity, "
    "i.reserved_quantity FROM inventory i JOIN warehouses w ON w.id = i.warehouse_id "
    "JOIN products p ON p.id = i.product_id LEFT JOIN product_variants v ON v.id = i.variant_id "
    "WHERE i.product_id = ? ORDER BY COALESCE(v.position, -1), i.variant_key, w.priority, w.id";

// --- Categories -----------------------------------------------------------------------------

inline constexpr std::string_view kCategorySlugTaken =
    "SELECT id FROM categories WHERE slug = ? AND id <> ?";
inline constexpr std::string_view kCategorySlugsLike =
    "SELECT slug FROM categories WHERE slug = ? OR slug LIKE ?";
inline constexpr std::string_view kParentOf = "SELECT parent_id FROM categories WHERE id = ?";
inline constexpr std::string_view kInsertCategory =
    "INSERT INTO categories (name, slug, description, parent_id, image_url, sort_order, "
    "is_active) VALUES (?, ?, ?, ?, ?, ?, ?)";
inline constexpr std::string_view kLockCategory =
    "UPDATE categories SET updated_at = CURRENT_TIMESTAMP WHERE id = ?";
inline constexpr std::string_view kCategoryById =
    "SELECT id, name, slug, description, parent_id, image_url, sort_order, is_active "
    "FROM categories WHERE id = ?";
inline constexpr std::string_view kUpdateCategory =
    "UPDATE categories SET name = ?, slug = ?, description = ?, parent_id = ?, image_url = ?, "
    "sort_order = ?, is_active = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?";
inline constexpr std::string_view kChildCategories =
    "SELECT COUNT(*) FROM categories WHERE parent_id = ?";
// All products that point at it, and those of them not deleted.
inline constexpr std::string_view kProductsInCategory =
    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN deleted_at IS NULL THEN 1 ELSE 0 END), 0) "
    "FROM products WHERE category_id = ?";
inline constexpr std::string_view kDeleteCategory = "DELETE FROM categories WHERE id = ?";

// --- Brands ---------------------------------------------------------------------------------

inline constexpr std::string_view kBrandNameTaken =
    "SELECT id FROM brands WHERE LOWER(name) = LOWER(?) AND id <> ?";
inline constexpr std::string_view kBrandSlugTaken =
    "SELECT id FROM brands WHERE slug = ? AND id <> ?";
inline constexpr std::string_view kBrandSlugsLike =
    "SELECT slug FROM brands WHERE slug = ? OR slug LIKE ?";
inline constexpr std::string_view kInsertBrand =
    "INSERT INTO brands (name, slug, description, logo_url, is_active) VALUES (?, ?, ?, ?, ?)";
inline constexpr std::string_view kLockBrand =
    "UPDATE brands SET updated_at = CURRENT_TIMESTAMP WHERE id = ?";
inline constexpr std::string_view kBrandById =
    "SELECT id, name, slug, description, logo_url, is_active FROM brands WHERE id = ?";
inline constexpr std::string_view kUpdateBrand =
    "UPDATE brands SET name = ?, slug = ?, description = ?, logo_url = ?, is_active = ?, "
    "updated_at = CURRENT_TIMESTAMP WHERE id = ?";
inline constexpr std::string_view kProductsOfBrand =
    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN deleted_at IS NULL THEN 1 ELSE 0 END), 0) "
    "FROM products WHERE brand_id = ?";
inline constexpr std::string_view kDeleteBrand = "DELETE FROM brands WHERE id = ?";

// --- Warehouses -----------------------------------------------------------------------------

inline constexpr std::string_view kWarehouseColumns =
    "SELECT id, code, name, city, region, priority, is_active, created_at FROM warehouses";
inline constexpr std::string_view kWarehousesInOrder = " ORDER BY priority, id";
inline constexpr std::string_view kWarehouseWhereId = " WHERE id = ?";
inline constexpr std::string_view kWarehouseByCode = "SELECT id FROM warehouses WHERE code = ?";
inline constexpr std::string_view kWarehouseCodeTaken =
    "SELECT id FROM warehouses WHERE code = ? AND id <> ?";
inline constexpr std::string_view kInsertWarehouse =
    "INSERT INTO warehouses (code, name, city, region, priority, is_active) "
    "VALUES (?, ?, ?, ?, ?, ?)";
// Warehouses have no updated_at; a no-op assignment takes the row lock all the same.
inline constexpr std::string_view kLockWarehouse = "UPDATE warehouses SET code = code WHERE id = ?";
inline constexpr std::string_view kUpdateWarehouse =
    "UPDATE warehouses SET code = ?, name = ?, city = ?, region = ?, priority = ?, is_active = ? "
    "WHERE id = ?";

}  // namespace moderno::catalog::admin_sql
