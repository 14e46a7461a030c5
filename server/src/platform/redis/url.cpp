#include "platform/redis/url.hpp"

#include <charconv>

namespace moderno::redis {

namespace {

bool ParseNumber(std::string_view s, int& out, int min, int max) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size() && out >= min && out <= max;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Unescape(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }
    if (i + 2 >= in.size()) return false;
    const int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return true;
}

std::unexpected<Error> Bad(std::string why) { return Fail(Errc::kInvalidArgument, std::move(why)); }

}  // namespace

Result<Endpoint> ParseUrl(std::string_view url) {
  constexpr std::string_view kScheme = "redis://";
  if (!url.starts_with(kScheme)) return Bad("must start with redis:// (TLS and unix sockets are not supported)");
  std::string_view rest = url.substr(kScheme.size());
  if (rest.find('?') != std::string_view::npos) return Bad("query parameters are not supported");
  Endpoint e;
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    std::string_view db = rest.substr(slash + 1);
    if (!db.empty() && !ParseNumber(db, e.db, 0, 15)) return Bad("the database must be a number 0-15");
  }
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    const auto colon = userinfo.find(':');
    if (colon == std::string_view::npos) return Bad("credentials must be user:password or :password");
    if (!Unescape(userinfo.substr(0, colon), e.user) || !Unescape(userinfo.substr(colon + 1), e.password)) {
      return Bad("bad percent-escape in the credentials");
    }
    if (e.password.empty()) return Bad("the password is empty");
  }
  std::string_view host = authority;
  if (const auto colon = authority.rfind(':'); colon != std::string_view::npos && !authority.ends_with(']')) {
    host = authority.substr(0, colon);
    if (!ParseNumber(authority.substr(colon + 1), e.port, 1, 65535)) return Bad("the port must be 1-65535");
  }
  if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
  if (host.empty()) return Bad("the host is missing");
  e.host = std::string(host);
  return e;
}

}  // namespace moderno::redis
