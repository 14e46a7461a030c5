#include "analytics/dates.hpp"

#include <cstdio>

namespace moderno::analytics {

std::optional<Day> ParseDay(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                                        std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok() || y < 1970) return std::nullopt;
  return Day(ymd);
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
