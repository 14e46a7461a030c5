#pragma once
// Timestamps: stored as 'YYYY-MM-DD HH:MM:SS' UTC in both dialects, shown as ISO 8601.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace moderno::time {

using SystemClock = std::function<std::chrono::system_clock::time_point()>;

// 'YYYY-MM-DD HH:MM:SS' in UTC, for SQL parameters.
std::string ToSql(std::chrono::system_clock::time_point t);
// Parses ToSql's format (and ISO 8601 with T and Z); nullopt when it is neither.
std::optional<std::chrono::system_clock::time_point> FromSql(std::string_view text);
// 'YYYY-MM-DDTHH:MM:SSZ' from a stored timestamp.
std::string IsoFromSql(std::string text);
// Seconds since the epoch.
std::int64_t UnixSeconds(std::chrono::system_clock::time_point t);

}  // namespace moderno::time
