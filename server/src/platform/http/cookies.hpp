#pragma once
// Reading cookies from a Cookie request header ("a=1; b=2").
#include <optional>
#include <string>
#include <string_view>

namespace moderno::http {

// The value of the first cookie called `name` in a Cookie header value, or nullopt when there
// is none. The value is returned as sent (no unquoting or decoding).
std::optional<std::string> CookieValue(std::string_view cookie_header, std::string_view name);

}  // namespace moderno::http
