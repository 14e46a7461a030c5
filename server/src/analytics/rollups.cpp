#include "analytics/rollups.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "analytics/dates.hpp"
#include "analytics/queries.hpp"
#include "platform/log/log.hpp"

namespace moderno::analytics {
namespace {

using Keys = std::vector<std::pair<const char*, db::Value>>;
using Counters = std::vector<std::pair<const char*, std::int64_t>>;

// INSERT of one rollup row that adds to its counters when the row exists: one statement, no
// read-then-write, so concurrent orders of the same day cannot lose an update.
void Upsert(db::UnitOfWork& uow, const char* table, const Keys& keys, const Counters& counters) {
  std::string cols, marks, conflict, updates;
  std::vector<db::Value> params;
  for (const auto& [name, value] : keys) {
    cols += (cols.empty() ? "" : ", ") + std::string(name);
    conflict += (conflict.empty() ? "" : ", ") + std::string(name);
    params.push_back(value);
  }
  const bool mysql = uow.dialect() == db::Dialect::kMysql;
  for (const auto& [name, delta] : counters) {
    const std::string n(name);
    cols += ", " + n;
    updates += (updates.empty() ? "" : ", ") + n + " = " + n + " + " +
               (mysql ? "VALUES(" + n + ")" : "excluded." + n);
    params.push_back(delta);
  }
  std::string sql = "INSERT INTO " + std::string(table) + " (" + cols + ") VALUES (" +
                    db::Placeholders(params.size()) + ")";
  sql += mysql ? " ON DUPLICATE KEY UPDATE " + updates : " ON CONFLICT (" + conflict + ") DO UPDATE SET " + updates;
  uow.Exec(sql, params);
}

// A paid order's sales on the day the money arrived: totals, lines by product, category and
// brand, payment method and coupon.
void AddPaid(db::UnitOfWork& uow, const orders::Order& o, const std::string& day) {
  std::int64_t units = 0;
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> categories, brands;
  std::vector<db::Row> lines = uow.Query(sql::kOrderLinesByProduct, {o.id});
  for (const db::Row& r : lines) {
    units += r.Int(3);
    auto& c = categories[r.Int(1)];
    c.first += r.Int(3);
    c.second += r.Int(4);
    auto& b = brands[r.Int(2)];
    b.first += r.Int(3);
    b.second += r.Int(4);
  }
  Upsert(uow, "analytics_daily", {{"day", day}},
         {{"paid_orders", 1}, {"gross_revenue", o.totals.total_amount}, {"units_sold", units}});
  // Rows in key order, so that concurrent transactions lock them in the same order.
  for (const db::Row& r : lines) {
    Upsert(uow, "analytics_daily_product", {{"day", day}, {"product_id", r.Int(0)}},
           {{"units", r.Int(3)}, {"revenue", r.Int(4)}});
  }
  for (const auto& [id, v] : categories) {
    Upsert(uow, "analytics_daily_category", {{"day", day}, {"category_id", id}}, {{"units", v.first}, {"revenue", v.second}});
  }
  for (const auto& [id, v] : brands) {
    Upsert(uow, "analytics_daily_brand", {{"day", day}, {"brand_id", id}}, {{"units", v.first}, {"revenue", v.second}});
  }
  Upsert(uow, "analytics_daily_payment", {{"day", day}, {"payment_method", o.payment_method}},
         {{"orders", 1}, {"revenue", o.totals.total_amount}});
  if (o.coupon_code) {
    Upsert(uow, "analytics_daily_coupon", {{"day", day}, {"coupon_code", *o.coupon_code}},
           {{"orders", 1}, {"discount", o.totals.discount_amount}, {"revenue", o.totals.total_amount}});
  }
}

}  // namespace

void RollupSink::OnOrderEvent(db::UnitOfWork& uow, const orders::OrderEvent& e) {
  if (!e.order) return;  // stock.low: the dashboard counts open alerts directly
  const orders::Order& o = *e.order;  // as before this change
  const std::string placed_day = DayOfSql(o.created_at);
  const std::string day = DayOfSql(e.at);
  if (e.kind == orders::kOrderPlaced) {
    Upsert(uow, "analytics_daily", {{"day", placed_day}}, {{"orders_placed", 1}, {"placed_amount", o.totals.total_amount}});
    Upsert(uow, "analytics_daily_status", {{"day", placed_day}, {"status", std::string(orders::Name(o.status))}}, {{"orders", 1}});
  } else if (e.kind == orders::kOrderPaid) {
    AddPaid(uow, o, day);
  } else if (e.kind == orders::kOrderRefunded) {
    Upsert(uow, "analytics_daily", {{"day", day}}, {{"refunds", e.amount}});
  } else if (e.kind == orders::kOrderStatusChanged) {
    const std::string from = e.from_status.empty() ? std::string(orders::Name(o.status)) : e.from_status;
    // Two rows of the same day: the lower status first (one lock order for everyone).
    if (from < e.to_status) {
      Upsert(uow, "analytics_daily_status", {{"day", placed_day}, {"status", from}}, {{"orders", -1}});
      Upsert(uow, "analytics_daily_status", {{"day", placed_day}, {"status", e.to_status}}, {{"orders", 1}});
    } else {
      Upsert(uow, "analytics_daily_status", {{"day", placed_day}, {"status", e.to_status}}, {{"orders", 1}});
      Upsert(uow, "analytics_daily_status", {{"day", placed_day}, {"status", from}}, {{"orders", -1}});
    }
    if (e.to_status == "cancelled") {
      Upsert(uow, "analytics_daily", {{"day", placed_day}}, {{"cancelled_orders", 1}});
      // Cancelling a paid order refunds what is left; the orders domain records the refund
      // payment without an order.refunded event, so it is counted here.
      const std::int64_t left = o.totals.total_amount - o.refunded_amount;
      if ((o.payment_status == "paid" || o.payment_status == "partially_refunded") && left > 0) {
        Upsert(uow, "analytics_daily", {{"day", day}}, {{"refunds", left}});
      }
    }
    // Cash on delivery is paid when delivered; the orders domain records the payment without an
    // order.paid event, so the sale is counted here.
    if (e.to_status == "delivered" && o.payment_method == "cod" && o.payment_status == "pending") {
      AddPaid(uow, o, day);
    }
  }
}

Result<RebuildReport> RebuildRollups(db::Database& db) {
  return db.Write([](db::UnitOfWork& uow) -> Result<RebuildReport> {
    RebuildReport report;
    for (const char* table : kRollupTables) uow.Exec("DELETE FROM " + std::string(table));
    report.orders = uow.QueryOne(sql::kCountOrders)->Int(0);
    struct Daily {
      std::int64_t placed = 0, placed_amount = 0, cancelled = 0, paid = 0, revenue = 0, refunds = 0, units = 0;
    };
    std::map<std::string, Daily> days;
    for (const db::Row& r : uow.Query(sql::kPlacedByDay)) {
      Daily& d = days[r.Str(0)];
      d.placed = r.Int(1);
      d.placed_amount = r.Int(2);
      d.cancelled = r.Int(3);
    }
    for (const db::Row& r : uow.Query(sql::kPaidByDay)) {
      Daily& d = days[r.Str(0)];
      d.paid = r.Int(1);
      d.revenue = r.Int(2);
    }
    for (const db::Row& r : uow.Query(sql::kUnitsByPaidDay)) days[r.Str(0)].units = r.Int(1);
    for (const db::Row& r : uow.Query(sql::kRefundsByDay)) days[r.Str(0)].refunds = r.Int(1);
    for (const auto& [day, d] : days) {
      uow.Exec(sql::kInsertDaily, {day, d.placed, d.placed_amount, d.cancelled, d.paid, d.revenue, d.refunds, d.units});
    }
    report.days = static_cast<std::int64_t>(days.size());
    for (const char* statement : {sql::kRebuildStatus, sql::kRebuildProduct, sql::kRebuildCategory, sql::kRebuildBrand,
                                  sql::kRebuildPayment, sql::kRebuildCoupon}) {
      uow.Exec(statement);
    }
    return report;
  });
}

}  // namespace moderno::analytics
