#pragma once
// Timestamps read from clients (JSON bodies, query parameters): ISO 8601 in, stored UTC text out.
#include <optional>
#include <string>
#include <string_view>

namespace moderno::time {

// 'YYYY-MM-DD HH:MM:SS' UTC for 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM[:SS]' (UTC) or ISO 8601
// 'YYYY-MM-DDTHH:MM[:SS][.fraction][Z|+HH:MM|-HH:MM|+HHMM]' (converted to UTC; fractions are
// dropped). A bare date is its first second, or its last when `end_of_day`. nullopt when the
// text is none of these, names no real instant (2025-02-30, 24:00) or is after 9999 in UTC.
std::optional<std::string> ParseTimestamp(std::string_view text, bool end_of_day);

// 'YYYY-MM-DDTHH:MM:SSZ' from stored text.
std::string IsoTimestamp(const std::string& stored);

}  // namespace moderno::time
