#pragma once
// SQL of catalog import and export; the same text serves both dialects. Queries ending in
// "IN (" take a list of placeholders (db::Placeholders) and ")".
#include <string_view>

namespace moderno::catalog::io_sql {

inline constexpr std::string_view kWarehouses =
    "SELECT id, code, is_active FROM warehouses ORDER BY priority, id";
inline constexpr std::string_view kCategories = "SELECT id, slug, is_active FROM categories";
inline constexpr std::string_view kBrands = "SELECT id, slug, name, is_active FROM brands";

// --- Export ---------------------------------------------------------------------------------

// A page of products after an id (keyset pagination), indexes read by ExportPage.
inline constexpr std::string_view kExportProducts =
    "SELECT p.id, p.sku, p.name, p.slug, p.short_description, p.description, c.slug, b.slug, "
    "p.price, p.compare_price, p.cost_price, p.currency, p.weight_grams, p.is_active, "
    "p.is_featured, p.meta_title, p.meta_description FROM products p "
    "JOIN categories c ON c.id = p.category_id LEFT JOIN brands b ON b.id = p.brand_id "
    "WHERE p.deleted_at IS NULL AND p.id > ? ORDER BY p.id LIMIT ?";
inline constexpr std::string_view kExportVariants =
    "SELECT id, product_id, sku, name, price, compare_price, options, barcode, is_active "
    "FROM product_variants WHERE product_id IN (";
inline constexpr std::string_view kExportVariantsOrder = ") ORDER BY product_id, position, id";
inline constexpr std::string_view kInventoryOfProducts =
    "SELECT id, product_id, variant_key, warehouse_id, quantity, reserved_quantity "
    "FROM inventory WHERE product_id IN (";

// --- Import: what the file's SKUs and slugs already name ------------------------------------

// Indexes read by ReadStoredProduct.
inline constexpr std::string_view kProductsBySku =
    "SELECT p.id, CASE WHEN p.deleted_at IS NULL THEN 0 ELSE 1 END, p.name, p.slug, p.sku, "
    "p.short_description, p.description, p.price, p.compare_price, p.cost_price, p.currency, "
    "p.category_id, p.brand_id, p.weight_grams, p.is_active, p.is_featured, p.meta_title, "
    "p.meta_description, b.name, "
    "(SELECT COUNT(*) FROM product_variants v WHERE v.product_id = p.id) "
    "FROM products p LEFT JOIN brands b ON b.id = p.brand_id WHERE p.sku IN (";
inline constexpr std::string_view kVariantsBySku =
    "SELECT id, product_id, name, sku, price, compare_price, options, barcode, is_active "
    "FROM product_variants WHERE sku IN (";
inline constexpr std::string_view kProductsBySlug = "SELECT id, slug FROM products WHERE slug IN (";
inline constexpr std::string_view kProductIdsBySku = "SELECT id, sku FROM products WHERE sku IN (";
inline constexpr std::string_view kVariantIdsBySku =
    "SELECT id, sku FROM product_variants WHERE sku IN (";
inline constexpr std::string_view kMaxVariantPosition =
    "SELECT product_id, MAX(position) FROM product_variants WHERE product_id IN (";
inline constexpr std::string_view kMaxVariantPositionGroup = ") GROUP BY product_id";

// --- Import: writes -------------------------------------------------------------------------

// Multi-row inserts: the prefix, then one "(?, ...)" group per row.
inline constexpr std::string_view kInsertProductsPrefix =
    "INSERT INTO products (name, slug, sku, short_description, description, search_text, price, "
    "compare_price, cost_price, currency, category_id, brand_id, weight_grams, is_active, "
    "is_featured, meta_title, meta_description) VALUES ";
inline constexpr std::size_t kInsertProductsColumns = 17;
inline constexpr std::string_view kUpdateProduct =
    "UPDATE products SET name = ?, slug = ?, sku = ?, short_description = ?, description = ?, "
    "search_text = ?, price = ?, compare_price = ?, cost_price = ?, currency = ?, "
    "category_id = ?, brand_id = ?, weight_grams = ?, is_active = ?, is_featured = ?, "
    "meta_title = ?, meta_description = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?";

inline constexpr std::string_view kInsertVariantsPrefix =
    "INSERT INTO product_variants (product_id, name, sku, price, compare_price, options, barcode, "
    "is_active, position) VALUES ";
inline constexpr std::size_t kInsertVariantsColumns = 9;
inline constexpr std::string_view kUpdateVariant =
    "UPDATE product_variants SET name = ?, price = ?, compare_price = ?, options = ?, "
    "barcode = ?, is_active = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?";

}  // namespace moderno::catalog::io_sql
