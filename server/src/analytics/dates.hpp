#pragma once
// Calendar days (UTC) for rollups and report ranges: 'YYYY-MM-DD' text, weeks from Monday.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace moderno::analytics {

using Day = std::chrono::sys_days;

// A strict 'YYYY-MM-DD' that names a real date (checked by time::ParseTimestamp), else nullopt.
std::optional<Day> ParseDay(std::string_view text);
// 'YYYY-MM-DD'.
std::string FormatDay(Day day);
// The UTC day of an instant.
Day DayOf(std::chrono::system_clock::time_point t);
// The day of a stored timestamp 'YYYY-MM-DD HH:MM:SS' (its first ten characters).
std::string DayOfSql(const std::string& timestamp);
// The Monday on or before `day` (ISO weeks).
Day WeekStart(Day day);
// The first day of the month of `day`.
Day MonthStart(Day day);
// 'YYYY-MM-DD 00:00:00' of a day, for comparisons with stored timestamps.
std::string StartSql(Day day);

}  // namespace moderno::analytics
