#pragma once
// Path and query parameters every domain reads the same way: ids, timestamps.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"
#include "platform/http/message.hpp"

namespace moderno::http {

// A positive integer id written in decimal (1..10^18-1, no sign, no spaces); nullopt otherwise.
std::optional<std::int64_t> ParseId(std::string_view text);

// The {name} path parameter as an id (see ParseId).
std::optional<std::int64_t> PathId(const Request& req, std::string_view name = "id");

// The query parameter `name` as a stored UTC timestamp ('YYYY-MM-DD HH:MM:SS'), read by
// time::ParseTimestamp; absent or empty: nullopt. Malformed: a field error is added (code
// "invalid") and nullopt returned.
std::optional<std::string> TimestampParam(const Request& req, std::string_view name, bool end_of_day,
                                          std::vector<FieldError>& errors);

}  // namespace moderno::http
