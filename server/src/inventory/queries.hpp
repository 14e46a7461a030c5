#pragma once
// The inventory domain's SQL: the same text on SQLite and MariaDB unless a constant says
// otherwise. Stock rows change only by conditional updates (`... WHERE quantity - reserved >= ?`),
// so 0 <= reserved <= quantity holds under any concurrency; the schema's CHECK is the backstop.
#include <string_view>

namespace moderno::inventory::sql {

// --- Reservations -------------------------------------------------------------------------
inline constexpr std::string_view kActiveWarehousePriorities = "SELECT id, priority FROM warehouses WHERE is_active = 1";
// Candidate rows of the lines' items; the WHERE (one `(product, variant)` pair per item) is
// appended, then kCandidatesOrder (and FOR UPDATE on MariaDB: rows locked in index order).
inline constexpr std::string_view kCandidates =
    "SELECT i.id, i.product_id, i.variant_key, i.warehouse_id, i.quantity, i.reserved_quantity, i.reorder_point "
    "FROM inventory i WHERE ";
inline constexpr std::string_view kCandidatesOrder = " ORDER BY i.product_id, i.variant_key, i.warehouse_id";
inline constexpr std::string_view kReserve =
    "UPDATE inventory SET reserved_quantity = reserved_quantity + ?, updated_at = ? "
    "WHERE id = ? AND quantity - reserved_quantity >= ?";
inline constexpr std::string_view kInsertReservation =
    "INSERT INTO stock_reservations (order_id, order_item_id, inventory_id, quantity, state, created_at, "
    "updated_at) VALUES (?, ?, ?, ?, 'reserved', ?, ?)";
inline constexpr std::string_view kReservedOfOrder =
    "SELECT id, inventory_id, quantity FROM stock_reservations WHERE order_id = ? AND state = 'reserved' "
    "ORDER BY inventory_id";
inline constexpr std::string_view kCommitReserved =
    "UPDATE inventory SET quantity = quantity - ?, reserved_quantity = reserved_quantity - ?, updated_at = ? "
    "WHERE id = ? AND reserved_quantity >= ? AND quantity >= ?";
inline constexpr std::string_view kMarkReservation = "UPDATE stock_reservations SET state = ?, updated_at = ? WHERE id = ?";
inline constexpr std::string_view kUnreleasedOfOrder =
    "SELECT id, inventory_id, quantity, state FROM stock_reservations WHERE order_id = ? AND state <> 'released' "
    "ORDER BY inventory_id";
inline constexpr std::string_view kReleaseReserved =
    "UPDATE inventory SET reserved_quantity = reserved_quantity - ?, updated_at = ? "
    "WHERE id = ? AND reserved_quantity >= ?";
inline constexpr std::string_view kRestock = "UPDATE inventory SET quantity = quantity + ?, updated_at = ? WHERE id = ?";
// Stock moved: one search change-log row per product of these inventory rows (IN list appended).
inline constexpr std::string_view kStockChangedPrefix =
    "INSERT INTO search_changes (entity, entity_id) SELECT DISTINCT 'stock', product_id FROM inventory WHERE id IN (";

// --- Alerts -------------------------------------------------------------------------------
inline constexpr std::string_view kOpenAlertsOfRowsPrefix =
    "SELECT inventory_id FROM stock_alerts WHERE status = 'open' AND inventory_id IN (";
inline constexpr std::string_view kInsertAlert =
    "INSERT INTO stock_alerts (inventory_id, product_id, variant_id, warehouse_id, available, reorder_point, "
    "status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?)";
// Open alerts of these rows (IN list appended, then kResolveAlertsSuffix) that are above their
// reorder point again. Parameters: now, ids...
inline constexpr std::string_view kResolveAlertsPrefix =
    "UPDATE stock_alerts SET status = 'resolved', resolved_at = ? WHERE status = 'open' AND inventory_id IN (";
inline constexpr std::string_view kResolveAlertsSuffix =
    ") AND inventory_id IN (SELECT id FROM inventory WHERE quantity - reserved_quantity > reorder_point)";
inline constexpr std::string_view kCountAlerts = "SELECT COUNT(*) FROM stock_alerts WHERE status = ?";
inline constexpr std::string_view kAlertsPage =
    "SELECT a.id, a.inventory_id, a.product_id, a.variant_id, COALESCE(v.sku, p.sku), p.name, w.code, "
    "a.available, i.quantity - i.reserved_quantity, a.reorder_point, a.status, a.created_at, a.resolved_at "
    "FROM stock_alerts a JOIN inventory i ON i.id = a.inventory_id JOIN products p ON p.id = a.product_id "
    "LEFT JOIN product_variants v ON v.id = a.variant_id JOIN warehouses w ON w.id = a.warehouse_id "
    "WHERE a.status = ? ORDER BY a.created_at DESC, a.id DESC LIMIT ? OFFSET ?";

// --- Staff changes ------------------------------------------------------------------------
// A product by SKU (not deleted) and how many variants it has.
inline constexpr std::string_view kProductBySku =
    "SELECT p.id, (SELECT COUNT(*) FROM product_variants v WHERE v.product_id = p.id) "
    "FROM products p WHERE p.sku = ? AND p.deleted_at IS NULL";
inline constexpr std::string_view kVariantBySku =
    "SELECT v.id, v.product_id FROM product_variants v JOIN products p ON p.id = v.product_id "
    "WHERE v.sku = ? AND p.deleted_at IS NULL";
inline constexpr std::string_view kWarehouseByCode = "SELECT id FROM warehouses WHERE code = ?";
inline constexpr std::string_view kLockInventory =
    "UPDATE inventory SET updated_at = CURRENT_TIMESTAMP "
    "WHERE product_id = ? AND variant_key = ? AND warehouse_id = ?";
inline constexpr std::string_view kInventoryByKey =
    "SELECT id, quantity, reserved_quantity, reorder_point, reorder_quantity FROM inventory "
    "WHERE product_id = ? AND variant_key = ? AND warehouse_id = ?";
inline constexpr std::string_view kInventoryById =
    "SELECT id, quantity, reserved_quantity, reorder_point, reorder_quantity FROM inventory WHERE id = ?";
inline constexpr std::string_view kInsertInventory =
    "INSERT INTO inventory (product_id, variant_id, variant_key, warehouse_id, quantity) VALUES (?, ?, ?, ?, ?)";
inline constexpr std::string_view kInsertInventoryPrefix =
    "INSERT INTO inventory (product_id, variant_id, variant_key, warehouse_id, quantity) VALUES ";
inline constexpr std::size_t kInventoryColumns = 5;
// The new quantity, refused (no row affected) when it would fall below what is reserved.
inline constexpr std::string_view kSetInventory =
    "UPDATE inventory SET quantity = ?, reorder_point = COALESCE(?, reorder_point), "
    "reorder_quantity = COALESCE(?, reorder_quantity), updated_at = CURRENT_TIMESTAMP "
    "WHERE id = ? AND reserved_quantity <= ?";
// A relative change, refused (no row affected) when the result would fall below what is
// reserved (so never below zero) or above the maximum. Parameters: delta, id, delta, delta, max.
inline constexpr std::string_view kAdjustInventory =
    "UPDATE inventory SET quantity = quantity + ?, updated_at = CURRENT_TIMESTAMP "
    "WHERE id = ? AND quantity + ? >= reserved_quantity AND quantity + ? <= ?";
inline constexpr std::string_view kInsertAdjustmentPrefix =
    "INSERT INTO inventory_adjustments (inventory_id, product_id, variant_id, warehouse_id, "
    "delta, quantity_after, reason, actor_user_id) VALUES ";
inline constexpr std::size_t kAdjustmentColumns = 8;

// --- Staff stock list ---------------------------------------------------------------------
inline constexpr std::string_view kStockFrom =
    " FROM inventory i JOIN products p ON p.id = i.product_id "
    "LEFT JOIN product_variants v ON v.id = i.variant_id JOIN warehouses w ON w.id = i.warehouse_id "
    "WHERE p.deleted_at IS NULL";
inline constexpr std::string_view kStockColumns =
    "SELECT i.id, i.product_id, i.variant_id, COALESCE(v.sku, p.sku), p.name, v.name, w.code, i.quantity, "
    "i.reserved_quantity, i.reorder_point, p.is_active";
inline constexpr std::string_view kStockOrder = " ORDER BY p.name, COALESCE(v.sku, p.sku), w.code, i.id LIMIT ? OFFSET ?";

}  // namespace moderno::inventory::sql
