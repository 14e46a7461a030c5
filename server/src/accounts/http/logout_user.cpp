#include "accounts/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts {

// POST /api/v1/auth/logout {refresh_token?}: revokes the access token and the refresh token's
// family (from the body, or the session cookie, which is then cleared).
http::Response LogoutUser(http::Request& req, HttpDeps& d) {
  std::optional<std::string> refresh;
  if (!req.body.empty()) {
    auto body = http::ParseJsonObject(req);
    if (!body) return http::Problem(body.error(), req);
    http::Fields f(*body);
    refresh = f.OptString("refresh_token", 512);
    if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  }
  const bool cookie = RefreshFromCookie(req).has_value();
  if (!refresh && cookie) {
    if (auto ok = CheckOrigin(req, d.cookies); !ok) return http::Problem(ok.error(), req);
    refresh = RefreshFromCookie(req);
  }
  auto done = d.auth.Logout(*req.principal, refresh);
  if (!done) return http::Problem(done.error(), req);
  http::Response r = http::NoContent();
  if (cookie || WantsCookie(req)) ClearRefreshCookie(r, d.cookies);
  return r;
}

}  // namespace moderno::accounts
