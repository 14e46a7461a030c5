#pragma once
// Daily sales rollups (tables analytics_daily*), kept up to date by a listener of order events
// inside each order transaction, and rebuilt from the orders tables on demand. What each figure
// counts, and on which day, is described in schema 0009 and docs/API.md ("Dashboard and
// analytics"): placed-day figures follow orders.created_at, paid-day figures orders.paid_at,
// refunds the day of the refund payment.
#include <cstdint>

#include "orders/events.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::analytics {

// Updates the rollups for each order event with conditional upserts, in the caller's
// transaction (so a rolled-back order leaves no trace).
class RollupSink : public orders::OrderEventSink {
 public:
  void OnOrderEvent(db::UnitOfWork& uow, const orders::OrderEvent& event) override;
};

// What a rebuild wrote.
struct RebuildReport {
  std::int64_t days = 0;    // rows of analytics_daily
  std::int64_t orders = 0;  // orders read
};

// Recomputes every rollup table from orders, order_items, products and payments, in one
// transaction (readers see the old figures until it commits).
Result<RebuildReport> RebuildRollups(db::Database& db);

// The rollup tables, for tests and the rebuild.
inline constexpr const char* kRollupTables[] = {
    "analytics_daily",         "analytics_daily_status",  "analytics_daily_product", "analytics_daily_category",
    "analytics_daily_brand",   "analytics_daily_payment", "analytics_daily_coupon"};

}  // namespace moderno::analytics
