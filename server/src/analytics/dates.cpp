#include "analytics/dates.hpp"

#include <cstdio>

#include "platform/time/time.hpp"
#include "platform/time/timestamp.hpp"

namespace moderno::analytics {

std::optional<Day> ParseDay(std::string_view s) {
  // The calendar checks are time::ParseTimestamp's, so a day reads as every date parameter does;
  // only the bare date form is a day.
  if (s.size() != 10) return std::nullopt;
  auto stored = time::ParseTimestamp(s, false);
  if (!stored) return std::nullopt;
  auto instant = time::FromSql(*stored);
  if (!instant) return std::nullopt;
  return std::chrono::floor<std::chrono::days>(*instant);
}

std::string FormatDay(Day day) {
  const std::chrono::year_month_day ymd(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

Day DayOf(std::chrono::system_clock::time_point t) { return std::chrono::floor<std::chrono::days>(t); }

std::string DayOfSql(const std::string& timestamp) { return timestamp.substr(0, 10); }

Day WeekStart(Day day) {
  const std::chrono::weekday wd(day);
  // iso_encoding: Monday 1 ... Sunday 7.
  return day - std::chrono::days(wd.iso_encoding() - 1);
}

Day MonthStart(Day day) {
  const std::chrono::year_month_day ymd(day);
  return Day(ymd.year() / ymd.month() / std::chrono::day(1));
}

std::string StartSql(Day day) { return FormatDay(day) + " 00:00:00"; }

}  // namespace moderno::analytics
