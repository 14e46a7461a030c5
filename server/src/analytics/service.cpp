#include "analytics/service.hpp"

#include <cmath>
#include <map>

#include "analytics/dates.hpp"
#include "analytics/queries.hpp"

namespace moderno::analytics {
namespace {

double Rate(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return 0;
  return static_cast<double>(std::llround(static_cast<double>(part) * 10000.0 / static_cast<double>(whole))) / 10000.0;
}

std::int64_t Average(std::int64_t sum, std::int64_t n) { return n > 0 ? (sum + n / 2) / n : 0; }

// Exclusive end of an inclusive day range, as a timestamp.
std::string EndSql(const std::string& to) { return StartSql(*ParseDay(to) + std::chrono::days(1)); }

}  // namespace

Figures Service::Read(db::UnitOfWork& uow, const std::string& from, const std::string& to) {
  Figures f;
  f.from = from;
  f.to = to;
  if (auto r = uow.QueryOne(sql::kDailyTotals, {from, to})) {
    f.orders = r->Int(0);
    f.placed_amount = r->Int(1);
    f.cancelled_orders = r->Int(2);
    f.paid_orders = r->Int(3);
    f.gross_revenue = r->Int(4);
    f.refunds = r->Int(5);
    f.units_sold = r->Int(6);
  }
  f.revenue = f.gross_revenue - f.refunds;
  f.average_order_value = Average(f.gross_revenue, f.paid_orders);
  f.cancellation_rate = Rate(f.cancelled_orders, f.orders);
  const std::string start = StartSql(*ParseDay(from)), end = EndSql(to);
  f.new_customers = uow.QueryOne(sql::kNewCustomers, {start, end})->Int(0);
  f.carts_created = uow.QueryOne(sql::kCartsCreated, {start, end})->Int(0);
  f.conversion_rate = Rate(f.orders, f.carts_created);
  for (const db::Row& r : uow.Query(sql::kStatusTotals, {from, to})) {
    if (r.Int(1) != 0) f.orders_by_status[r.Str(0)] = r.Int(1);
  }
  return f;
}

Result<Dashboard> Service::GetDashboard(std::string_view period) {
  int days = 30;
  if (period == "today") days = 1;
  else if (period == "7d") days = 7;
  else if (!period.empty() && period != "30d") {
    return Invalid({{"period", "invalid", "period must be one of today, 7d, 30d."}});
  }
  const Day today = DayOf(clock_());
  const Day first = today - std::chrono::days(days - 1);
  const Day prev_last = first - std::chrono::days(1);
  const Day prev_first = prev_last - std::chrono::days(days - 1);
  return db_.ReadReplica([&](db::UnitOfWork& uow) -> Result<Dashboard> {
    Dashboard d;
    d.period = period.empty() ? "30d" : std::string(period);
    d.current = Read(uow, FormatDay(first), FormatDay(today));
    d.previous = Read(uow, FormatDay(prev_first), FormatDay(prev_last));
    d.low_stock = uow.QueryOne(sql::kOpenAlerts)->Int(0);
    return d;
  });
}

Result<DayRange> Service::ReadRange(const std::optional<std::string>& from, const std::optional<std::string>& to) const {
  std::vector<FieldError> errors;
  const Day today = DayOf(clock_());
  std::optional<Day> last = today, first;
  if (to) {
    last = ParseDay(*to);
    if (!last) errors.push_back({"to", "invalid", "to must be a date YYYY-MM-DD."});
  }
  if (from) {
    first = ParseDay(*from);
    if (!first) errors.push_back({"from", "invalid", "from must be a date YYYY-MM-DD."});
  } else if (last) {
    first = *last - std::chrono::days(29);
  }
  if (errors.empty() && first && last) {
    if (*first > *last) {
      errors.push_back({"from", "after_to", "from must not be after to."});
    } else if ((*last - *first).count() + 1 > kMaxRangeDays) {
      errors.push_back({"to", "range_too_long", "The range may cover at most " + std::to_string(kMaxRangeDays) + " days."});
    }
  }
  if (!errors.empty()) return Invalid(std::move(errors));
  return DayRange{FormatDay(*first), FormatDay(*last)};
}

Result<Analytics> Service::GetAnalytics(const AnalyticsQuery& q) {
  std::vector<FieldError> errors;
  const std::string group_by = q.group_by.value_or("day");
  if (group_by != "day" && group_by != "week" && group_by != "month") {
    errors.push_back({"group_by", "invalid", "group_by must be one of day, week, month."});
  }
  auto range = ReadRange(q.from, q.to);
  if (!range) {
    for (auto& f : range.error().fields) errors.push_back(std::move(f));
  }
  if (!errors.empty()) return Invalid(std::move(errors));
  const std::string from = range->from, to = range->to;
  return db_.ReadReplica([&](db::UnitOfWork& uow) -> Result<Analytics> {
    Analytics a;
    a.from = from;
    a.to = to;
    a.group_by = group_by;
    a.totals = Read(uow, from, to);
    // Buckets for every day of the range (zeros where nothing happened), then the daily rows.
    auto bucket = [&](Day d) {
      if (group_by == "week") return WeekStart(d);
      if (group_by == "month") return MonthStart(d);
      return d;
    };
    std::map<Day, SeriesPoint> points;
    for (Day d = *ParseDay(from); d <= *ParseDay(to); d += std::chrono::days(1)) {
      points[bucket(d)].period = FormatDay(bucket(d));
    }
    for (const db::Row& r : uow.Query(sql::kDailyRows, {from, to})) {
      auto day = ParseDay(r.Str(0));
      if (!day) continue;
      SeriesPoint& p = points[bucket(*day)];
      p.orders += r.Int(1);
      p.cancelled_orders += r.Int(3);
      p.paid_orders += r.Int(4);
      p.gross_revenue += r.Int(5);
      p.refunds += r.Int(6);
      p.units_sold += r.Int(7);
    }
    for (auto& [day, p] : points) {
      p.revenue = p.gross_revenue - p.refunds;
      p.average_order_value = Average(p.gross_revenue, p.paid_orders);
      a.series.push_back(p);
    }
    auto breakdown = [&](const char* sql, std::vector<Breakdown>& out, bool product, std::vector<db::Value> params) {
      for (const db::Row& r : uow.Query(sql, params)) {
        Breakdown b;
        b.id = r.Int(0);
        if (product) {
          b.sku = r.Str(1);
          b.name = r.Str(2);
          b.units = r.Int(3);
          b.revenue = r.Int(4);
        } else {
          b.name = r.Str(1);
          b.units = r.Int(2);
          b.revenue = r.Int(3);
        }
        out.push_back(std::move(b));
      }
    };
    breakdown(sql::kByCategory, a.by_category, false, {from, to});
    breakdown(sql::kByBrand, a.by_brand, false, {from, to});
    breakdown(sql::kTopProductsByUnits, a.top_by_units, true, {from, to, std::int64_t{kTopProducts}});
    breakdown(sql::kTopProductsByRevenue, a.top_by_revenue, true, {from, to, std::int64_t{kTopProducts}});
    for (const db::Row& r : uow.Query(sql::kPaymentMix, {from, to})) {
      a.payment_methods.push_back({r.Str(0), r.Int(1), r.Int(2), Rate(r.Int(1), a.totals.paid_orders)});
    }
    for (const db::Row& r : uow.Query(sql::kCouponUsage, {from, to})) {
      a.coupons.push_back({r.Str(0), r.Int(1), r.Int(2), r.Int(3)});
    }
    const std::string start = StartSql(*ParseDay(from)), end = EndSql(to);
    if (auto r = uow.QueryOne(sql::kRepeatCustomers, {end, start, end})) {
      a.customers = r->Int(0);
      a.repeat_customers = r->Int(1);
    }
    a.repeat_customer_rate = Rate(a.repeat_customers, a.customers);
    return a;
  });
}

}  // namespace moderno::analytics
