#include "platform/http/params.hpp"

#include <charconv>

#include "platform/time/timestamp.hpp"

namespace moderno::http {

std::optional<std::int64_t> ParseId(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id < 1) return std::nullopt;
  return id;
}

std::optional<std::int64_t> PathId(const Request& req, std::string_view name) { return ParseId(req.Param(name)); }

std::optional<std::string> TimestampParam(const Request& req, std::string_view name, bool end_of_day,
                                          std::vector<FieldError>& errors) {
  auto raw = req.Query(name);
  if (!raw || raw->empty()) return std::nullopt;
  auto parsed = time::ParseTimestamp(*raw, end_of_day);
  if (!parsed) {
    errors.push_back({std::string(name), "invalid",
                      std::string(name) + " must be a date (YYYY-MM-DD) or an ISO 8601 date and time"});
  }
  return parsed;
}

}  // namespace moderno::http
