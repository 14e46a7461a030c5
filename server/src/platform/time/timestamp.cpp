#include "platform/time/timestamp.hpp"

#include <ctime>

#include "platform/time/time.hpp"

namespace moderno::time {
namespace {

bool Digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool LeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && LeapYear(year) ? 29 : kDays[month - 1];
}

}  // namespace

std::optional<std::string> ParseTimestamp(std::string_view s, bool end_of_day) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!Digits(s, 0, 4, year) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2, month) ||
      s[7] != '-' || !Digits(s, 8, 2, day)) {
    return std::nullopt;
  }
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > DaysIn(year, month)) {
    return std::nullopt;
  }
  int offset_minutes = 0;
  if (s.size() == 10) {
    if (end_of_day) {
      hour = 23;
      minute = 59;
      second = 59;
    }
  } else {
    const bool iso = s[10] == 'T';
    if ((!iso && s[10] != ' ') || !Digits(s, 11, 2, hour) || s.size() < 16 || s[13] != ':' ||
        !Digits(s, 14, 2, minute)) {
      return std::nullopt;
    }
    std::size_t at = 16;
    if (at < s.size() && s[at] == ':') {
      if (!Digits(s, at + 1, 2, second)) return std::nullopt;
      at += 3;
      if (at < s.size() && s[at] == '.') {
        std::size_t end = at + 1;
        while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
        if (end == at + 1) return std::nullopt;
        at = end;
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    if (at < s.size()) {
      // A zone: only ISO text has one.
      if (!iso) return std::nullopt;
      if (s[at] == 'Z' && at + 1 == s.size()) {
        at = s.size();
      } else if (s[at] == '+' || s[at] == '-') {
        const int sign = s[at] == '+' ? 1 : -1;
        int oh = 0, om = 0;
        std::size_t next = at + 3;
        if (!Digits(s, at + 1, 2, oh)) return std::nullopt;
        if (next < s.size() && s[next] == ':') ++next;
        if (!Digits(s, next, 2, om) || next + 2 != s.size() || oh > 23 || om > 59) {
          return std::nullopt;
        }
        offset_minutes = sign * (oh * 60 + om);
        at = s.size();
      } else {
        return std::nullopt;
      }
    }
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  // In seconds, not through system_clock: its nanoseconds overflow after the year 2262.
  const std::time_t utc = timegm(&tm) - static_cast<std::time_t>(offset_minutes) * 60;
  std::tm out{};
  gmtime_r(&utc, &out);
  // An offset can carry 9999-12-31 into a five-digit year, which the stored form cannot hold.
  if (out.tm_year + 1900 > 9999) return std::nullopt;
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &out);
  return std::string(buf);
}

std::string IsoTimestamp(const std::string& stored) { return time::IsoFromSql(stored); }

}  // namespace moderno::time
