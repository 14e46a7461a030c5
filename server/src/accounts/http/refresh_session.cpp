#include "accounts/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace moderno::accounts {

// POST /api/v1/auth/refresh: {refresh_token} from API clients, or the refresh cookie from the web
// app (checked against the Origin); the rotated token goes back the way it came.
http::Response RefreshSession(http::Request& req, HttpDeps& d) {
  std::optional<std::string> token;
  if (!req.body.empty()) {
    auto body = http::ParseJsonObject(req);
    if (!body) return http::Problem(body.error(), req);
    http::Fields f(*body);
    token = f.OptString("refresh_token", 512);
    if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  }
  const bool from_cookie = !token && RefreshFromCookie(req);
  if (from_cookie) {
    if (auto ok = CheckOrigin(req, d.cookies); !ok) return http::Problem(ok.error(), req);
    token = RefreshFromCookie(req);
  }
  if (!token) {
    return http::Problem(Invalid({{"refresh_token", "required", "send refresh_token, or the session cookie"}}).error(), req);
  }
  auto session = d.auth.Refresh(*token, ClientOf(req));
  if (!session) {
    http::Response r = http::Problem(session.error(), req);
    if (from_cookie) ClearRefreshCookie(r, d.cookies);  // a dead cookie is of no further use
    return r;
  }
  return SessionResponse(*session, d.cookies, from_cookie || WantsCookie(req));
}

}  // namespace moderno::accounts
