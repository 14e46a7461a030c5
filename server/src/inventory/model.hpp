#pragma once
// What the inventory domain works with: stock rows per item and warehouse, reservations of
// order lines, the adjustment ledger and low-stock alerts.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace moderno::inventory {

// One order line to reserve.
struct ReserveLine {
  std::int64_t order_item_id = 0;
  std::int64_t product_id = 0;
  std::int64_t variant_key = 0;  // variant id, or 0 for a product without variants
  std::string sku;
  std::int64_t quantity = 0;
};

// A line stock could not cover.
struct ShortLine {
  std::string sku;
  std::int64_t product_id = 0;
  std::int64_t variant_key = 0;
  std::int64_t requested = 0;
  std::int64_t available = 0;
};

// A low-stock alert opened by a reservation (the caller tells listeners).
struct AlertOpened {
  std::int64_t alert_id = 0, inventory_id = 0, product_id = 0, warehouse_id = 0;
  std::optional<std::int64_t> variant_id;
  std::int64_t available = 0, reorder_point = 0;
};

// PUT /inventory/{sku}/{warehouse}: the new quantity and, optionally, reorder settings.
struct InventorySet {
  std::string sku;
  std::string warehouse_code;
  std::int64_t quantity = 0;
  std::optional<std::int64_t> reorder_point;
  std::optional<std::int64_t> reorder_quantity;
  std::optional<std::string> reason;
};

// POST /inventory/adjust: a relative change with its reason.
struct InventoryAdjust {
  std::string sku;
  std::string warehouse_code;
  std::int64_t delta = 0;
  std::string reason;
};

// One inventory row after a change.
struct InventoryLevel {
  std::int64_t id = 0;
  std::string sku;
  std::int64_t product_id = 0;
  std::optional<std::int64_t> variant_id;
  std::string warehouse_code;
  std::int64_t quantity = 0;
  std::int64_t reserved_quantity = 0;
  std::int64_t reorder_point = 0;
  std::int64_t reorder_quantity = 0;
};

// A ledger row written by a stock change.
struct Adjustment {
  std::int64_t id = 0;
  std::int64_t delta = 0;
  std::int64_t quantity_after = 0;
  std::string reason;
};

struct StockChange {
  InventoryLevel level;
  std::optional<Adjustment> adjustment;  // none when the quantity did not change
};

// A new stock row written in bulk (seeder, CSV import).
struct NewLevel {
  std::int64_t product_id = 0;
  std::optional<std::int64_t> variant_id;
  std::int64_t warehouse_id = 0;
  std::int64_t quantity = 0;
};

// A ledger entry written in bulk.
struct LedgerEntry {
  std::int64_t inventory_id = 0, product_id = 0;
  std::optional<std::int64_t> variant_id;
  std::int64_t warehouse_id = 0, delta = 0, quantity_after = 0;
  std::string reason;
  std::optional<std::int64_t> actor_user_id;
};

// Filters of the staff stock list (GET /admin/inventory).
struct StockFilter {
  std::optional<std::string> q;          // SKU prefix or product name substring
  std::optional<std::string> warehouse;  // warehouse code
  bool low_stock = false;                // available <= reorder point only
  int page = 1, limit = 20;
};

// One row of the staff stock list.
struct StockRow {
  std::int64_t inventory_id = 0, product_id = 0;
  std::optional<std::int64_t> variant_id;
  std::string sku, product;
  std::optional<std::string> variant;
  std::string warehouse;
  std::int64_t quantity = 0, reserved = 0, reorder_point = 0;
  bool active = false;
};

struct StockPage {
  std::vector<StockRow> rows;
  std::int64_t total = 0;
};

// A low-stock alert as staff see it.
struct LowStockAlert {
  std::int64_t id = 0;
  std::int64_t inventory_id = 0, product_id = 0;
  std::optional<std::int64_t> variant_id;
  std::string sku, name, warehouse_code;
  std::int64_t available = 0, available_now = 0, reorder_point = 0;
  std::string status, created_at;
  std::optional<std::string> resolved_at;
};

struct AlertPage {
  std::vector<LowStockAlert> alerts;
  std::int64_t total = 0;
};

}  // namespace moderno::inventory
