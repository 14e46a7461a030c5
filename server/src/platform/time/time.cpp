#include "platform/time/time.hpp"

#include <cstdio>
#include <ctime>

namespace moderno::time {

std::string ToSql(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::optional<std::chrono::system_clock::time_point> FromSql(std::string_view text) {
  if (text.size() < 19) return std::nullopt;
  std::tm tm{};
  std::string s(text.substr(0, 19));
  if (s[10] == 'T') s[10] = ' ';
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::string IsoFromSql(std::string ts) {
  if (ts.size() >= 19 && ts[10] == ' ') ts[10] = 'T';
  if (ts.size() == 19) ts += 'Z';
  return ts;
}

std::int64_t UnixSeconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace moderno::time
