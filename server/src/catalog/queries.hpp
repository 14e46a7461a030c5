#pragma once
// SQL of the catalog; the same text serves both dialects unless a constant says otherwise.
#include <string_view>

namespace moderno::catalog::sql {

inline constexpr std::string_view kCategories =
    "SELECT id, name, slug, description, parent_id, image_url, sort_order FROM categories "
    "WHERE is_active = 1 ORDER BY sort_order, name, id";

inline constexpr std::string_view kProductCountsByCategory =
    "SELECT category_id, COUNT(*) FROM products WHERE is_active = 1 AND deleted_at IS NULL "
    "GROUP BY category_id";

inline constexpr std::string_view kBrands =
    "SELECT b.id, b.name, b.slug, b.description, b.logo_url, "
    "(SELECT COUNT(*) FROM products p WHERE p.brand_id = b.id AND p.is_active = 1 "
    "AND p.deleted_at IS NULL) FROM brands b WHERE b.is_active = 1 ORDER BY b.name, b.id";

inline constexpr std::string_view kBrandByIdOrSlug =
    "SELECT id FROM brands WHERE is_active = 1 AND (id = ? OR slug = ? OR name = ?)";

// Columns shared by the list and the detail: indexes 0..17 in ReadSummary.
inline constexpr std::string_view kSummaryColumns =
    "SELECT p.id, p.name, p.slug, p.sku, p.short_description, p.price, p.compare_price, "
    "p.currency, c.id, c.name, c.slug, b.id, b.name, p.rating_avg, p.reviews_count, "
    "p.is_featured, p.created_at, "
    "(SELECT COALESCE(SUM(i.quantity - i.reserved_quantity), 0) FROM inventory i "
    "WHERE i.product_id = p.id)";

inline constexpr std::string_view kSummaryFrom =
    " FROM products p JOIN categories c ON c.id = p.category_id "
    "LEFT JOIN brands b ON b.id = p.brand_id";

// The page's rows, after the page's ids were chosen from an index alone (a derived table, since
// MariaDB and MySQL do not allow LIMIT inside IN (...)).
inline constexpr std::string_view kPageIdsFrom = " FROM (SELECT p.id FROM products p";
inline constexpr std::string_view kPageJoin =
    ") page JOIN products p ON p.id = page.id JOIN categories c ON c.id = p.category_id "
    "LEFT JOIN brands b ON b.id = p.brand_id";

inline constexpr std::string_view kActive = " WHERE p.is_active = 1 AND p.deleted_at IS NULL";

inline constexpr std::string_view kInStock =
    " AND EXISTS (SELECT 1 FROM inventory i WHERE i.product_id = p.id "
    "AND i.quantity > i.reserved_quantity)";
inline constexpr std::string_view kOutOfStock =
    " AND NOT EXISTS (SELECT 1 FROM inventory i WHERE i.product_id = p.id "
    "AND i.quantity > i.reserved_quantity)";

// Whether the product is visible, as a column (index 18 after the summary columns).
inline constexpr std::string_view kVisibleColumn =
    ", CASE WHEN p.is_active = 1 AND p.deleted_at IS NULL THEN 1 ELSE 0 END";

// The detail adds these after the summary columns: indexes 18..23.
inline constexpr std::string_view kDetailColumns =
    ", p.description, p.weight_grams, p.dimensions, p.meta_title, p.meta_description, "
    "p.updated_at";

inline constexpr std::string_view kImagesOf =
    "SELECT id, url, alt, position, width, height, status, variants FROM product_images "
    "WHERE product_id = ? "
    "ORDER BY position, id";

inline constexpr std::string_view kVariantsOf =
    "SELECT v.id, v.name, v.sku, COALESCE(v.price, p.price), COALESCE(v.compare_price, "
    "p.compare_price), v.options, v.barcode, "
    "(SELECT COALESCE(SUM(i.quantity - i.reserved_quantity), 0) FROM inventory i "
    "WHERE i.variant_id = v.id) "
    "FROM product_variants v JOIN products p ON p.id = v.product_id "
    "WHERE v.product_id = ? AND v.is_active = 1 ORDER BY v.position, v.id";

}  // namespace moderno::catalog::sql
