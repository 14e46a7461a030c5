#pragma once
// Staff stock operations: set and adjust a SKU's stock in a warehouse (with the ledger and the
// audit log), the paginated stock list and the low-stock alerts.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "inventory/model.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::inventory {

class Service {
 public:
  // `changed` runs after a staff change commits (the catalog's cached answers show stock).
  Service(db::Database& db, std::function<void()> changed) : db_(db), changed_(std::move(changed)) {}

  // Sets the quantity of a product (without variants) or variant in a warehouse; 409 below
  // what is reserved; a ledger row when the quantity changes.
  Result<StockChange> Set(const InventorySet& in, const audit::AuditEntry& who);
  // Adds `delta` (negative removes); 409 when it would go below what is reserved; 422 above the maximum.
  Result<StockChange> Adjust(const InventoryAdjust& in, const audit::AuditEntry& who);
  // Stock rows by product name, SKU and warehouse.
  Result<StockPage> List(const StockFilter& filter);
  // Low-stock alerts with this status ("open" or "resolved"), newest first.
  Result<AlertPage> Alerts(const std::string& status, int page, int limit);
  // Counts open alerts now (every node refreshes it for the metric with the business gauges).
  Result<std::int64_t> RefreshOpenAlerts();
  std::int64_t open_alerts() const { return open_alerts_.load(); }

 private:
  db::Database& db_;
  std::function<void()> changed_;
  std::atomic<std::int64_t> open_alerts_{0};
};

}  // namespace moderno::inventory
