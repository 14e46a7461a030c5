#pragma once
// Stock reservations of orders: reserve on placement, commit on payment (or shipment), release
// on cancellation, failure or expiry. Every change is a conditional update on a locked row, so
// quantity >= reserved >= 0 holds under any concurrency (the schema's CHECK is the backstop).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "orders/events.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::orders {

// One order line to reserve.
struct ReserveLine {
  std::int64_t order_item_id = 0;
  std::int64_t product_id = 0;
  std::int64_t variant_key = 0;
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

// Reserves every line in warehouse priority order, splitting a line across warehouses when
// needed; rows are locked in index order. On any short line nothing is kept: the caller rolls
// back, and the short lines are returned. Opens low-stock alerts for rows that fall to their
// reorder point (once per row while open), each added to `opened` as a stock.low event.
std::vector<ShortLine> Reserve(db::UnitOfWork& uow, std::int64_t order_id, const std::vector<ReserveLine>& lines,
                               const std::string& now_sql, std::vector<OrderEvent>* opened = nullptr);

// Payment succeeded (or goods left): reserved units leave the stock for good.
void CommitReservations(db::UnitOfWork& uow, std::int64_t order_id, const std::string& now_sql);

// Reserved units go back to available; committed units go back to the shelf when `restock`
// (cancellation before shipment). Returns the number of units returned.
std::int64_t ReleaseReservations(db::UnitOfWork& uow, std::int64_t order_id, bool restock, const std::string& now_sql);

// Resolves open alerts of these inventory rows that are above their reorder point again.
void ResolveAlerts(db::UnitOfWork& uow, const std::vector<std::int64_t>& inventory_ids, const std::string& now_sql);

}  // namespace moderno::orders
