#pragma once
// The dashboard and analytics read models: figures from the daily rollups (plus index counts
// of new customers, carts and open alerts), never a scan of the orders table per request
// (the repeat-customer rate of the analytics report is the one figure read from orders).
#include <string_view>

#include "analytics/model.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "platform/time/time.hpp"

namespace moderno::analytics {

// Longest range of an analytics request or report, in days.
inline constexpr int kMaxRangeDays = 731;
// Rows of each "top products" list.
inline constexpr int kTopProducts = 10;

// An inclusive range of UTC days.
struct DayRange {
  std::string from, to;
};

class Service {
 public:
  Service(db::Database& db, time::SystemClock clock) : db_(db), clock_(std::move(clock)) {}

  // period: today, 7d or 30d (empty: 30d); 422 naming `period` otherwise. The previous period
  // is the same number of days just before.
  Result<Dashboard> GetDashboard(std::string_view period);
  // Validated range and grouping (422 naming from, to or group_by); defaults: the last 30 days
  // by day.
  Result<Analytics> GetAnalytics(const AnalyticsQuery& query);
  // A validated from/to range (defaults: the last 30 days), for reports too.
  Result<DayRange> ReadRange(const std::optional<std::string>& from, const std::optional<std::string>& to) const;

 private:
  Figures Read(db::UnitOfWork& uow, const std::string& from, const std::string& to);

  db::Database& db_;
  time::SystemClock clock_;
};

}  // namespace moderno::analytics
