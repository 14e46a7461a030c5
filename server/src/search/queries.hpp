#pragma once
// SQL of the search domain: what the indexer reads. The same text serves both dialects.
#include <string_view>

namespace moderno::search::sql {

// Every category, active or not: names and parents for the category field and C terms.
inline constexpr std::string_view kCategories =
    "SELECT id, name, slug, parent_id, is_active FROM categories";

// What a product document holds (indexes 0..15 in ReadProduct), whether the product is
// visible (16) and its available units (17, the live stock); callers append the condition. Visibility is a column, not a condition: with it
// in WHERE, SQLite scans a visibility index instead of using the primary key.
inline constexpr std::string_view kProducts =
    "SELECT p.id, p.name, p.slug, p.sku, p.short_description, p.description, p.price, "
    "p.category_id, p.brand_id, b.name, p.is_featured, p.rating_avg, p.reviews_count, "
    "p.sales_count, p.created_at, "
    "EXISTS (SELECT 1 FROM inventory i WHERE i.product_id = p.id "
    "AND i.quantity > i.reserved_quantity), "
    "CASE WHEN p.is_active = 1 AND p.deleted_at IS NULL THEN 1 ELSE 0 END, "
    "(SELECT COALESCE(SUM(i.quantity - i.reserved_quantity), 0) FROM inventory i WHERE i.product_id = p.id) "
    "FROM products p LEFT JOIN brands b ON b.id = p.brand_id";

// Every product's available units, as a product summary counts them (the live stock table).
inline constexpr std::string_view kAvailableByProduct =
    "SELECT product_id, SUM(quantity - reserved_quantity) FROM inventory GROUP BY product_id";

// Keyset pages of the whole catalog, for a full build.
inline constexpr std::string_view kProductsAfter = " WHERE p.id > ? ORDER BY p.id LIMIT ?";

inline constexpr std::string_view kVisibleCount =
    "SELECT COUNT(*) FROM products WHERE is_active = 1 AND deleted_at IS NULL";

// Active variants' SKUs of the products in an id range (a build page) or list.
inline constexpr std::string_view kVariantSkusInRange =
    "SELECT product_id, sku FROM product_variants WHERE is_active = 1 AND product_id >= ? "
    "AND product_id <= ?";
inline constexpr std::string_view kVariantSkusOf =
    "SELECT product_id, sku FROM product_variants WHERE is_active = 1 AND product_id IN (";

// Visible products of some categories or of a brand (a rename changes their documents).
inline constexpr std::string_view kProductsInCategories =
    "SELECT id FROM products WHERE is_active = 1 AND deleted_at IS NULL AND category_id IN (";
inline constexpr std::string_view kProductsOfBrand =
    "SELECT id FROM products WHERE is_active = 1 AND deleted_at IS NULL AND brand_id = ?";

// ---- the change log ----

inline constexpr std::string_view kLastChangeId = "SELECT COALESCE(MAX(id), 0) FROM search_changes";
inline constexpr std::string_view kChangesAfter =
    "SELECT id, entity, entity_id FROM search_changes WHERE id > ? ORDER BY id LIMIT ?";
// Rows that committed late, below ids already applied (MySQL allocates ids before commit).
inline constexpr std::string_view kChangesBetween =
    "SELECT id, entity, entity_id FROM search_changes WHERE id > ? AND id < ? ORDER BY id";
inline constexpr std::string_view kChangesPending =
    "SELECT COUNT(*) FROM search_changes WHERE id > ?";
// Pruning: rows older than the retention, never the newest row (the next id stays above it).
inline constexpr std::string_view kPruneChanges =
    "DELETE FROM search_changes WHERE created_at < ? AND id < ?";

}  // namespace moderno::search::sql
