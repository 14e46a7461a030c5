// Browser sessions: the refresh token in an HttpOnly cookie, and the Origin check that keeps other
// sites from using it.
#include "accounts/http/handlers.hpp"
#include "platform/http/cookies.hpp"

namespace moderno::accounts {
namespace {

// "scheme://host[:port]" of a URL ("https://shop.example/path" -> "https://shop.example").
std::string OriginOf(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const auto path = url.find('/', scheme + 3);
  return std::string(url.substr(0, path));
}

std::string Attributes(const CookieSettings& c, std::int64_t max_age) {
  return "; Path=/api/v1/auth; Max-Age=" + std::to_string(max_age) + "; HttpOnly; SameSite=Strict" +
         (c.secure ? "; Secure" : "");
}

}  // namespace

bool WantsCookie(const http::Request& req) { return req.Header("x-session").value_or("") == "cookie"; }

std::optional<std::string> RefreshFromCookie(const http::Request& req) {
  auto header = req.Header("cookie");
  if (!header) return std::nullopt;
  auto value = http::CookieValue(*header, kRefreshCookie);
  if (!value || value->empty()) return std::nullopt;
  return value;
}

Result<void> CheckOrigin(const http::Request& req, const CookieSettings& cookies) {
  const auto origin = req.Header("origin");
  const bool ok = origin && ((!cookies.public_origin.empty() && *origin == OriginOf(cookies.public_origin)) ||
                             [&] {
                               const auto scheme = origin->find("://");
                               const auto host = req.Header("host");
                               return scheme != std::string_view::npos && host && origin->substr(scheme + 3) == *host;
                             }());
  if (ok) return {};
  Error e;
  e.code = Errc::kPermissionDenied;
  e.type = "origin_mismatch";
  e.detail = "A request signed in by the session cookie must come from the shop's own pages (Origin).";
  return std::unexpected(std::move(e));
}

http::Response SessionResponse(const Session& s, const CookieSettings& cookies, bool in_cookie) {
  http::Response r = http::JsonResponse(200, SessionJson(s, !in_cookie));
  r.Set("Cache-Control", "no-store");
  if (in_cookie) r.Set("Set-Cookie", std::string(kRefreshCookie) + "=" + s.refresh_token + Attributes(cookies, cookies.max_age.count()));
  return r;
}

void ClearRefreshCookie(http::Response& r, const CookieSettings& cookies) {
  r.Set("Set-Cookie", std::string(kRefreshCookie) + "=" + Attributes(cookies, 0));
}

}  // namespace moderno::accounts
