#include "accounts/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace moderno::accounts {

http::Response ChangePassword(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto current = f.String("current_password", 256);
  auto next = f.String("new_password", 256);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  auto session = d.auth.ChangePassword(*req.principal, *current, *next, ClientOf(req));
  if (!session) return http::Problem(session.error(), req);
  // A new session: a browser's refresh cookie is replaced (its path is /api/v1/auth).
  return SessionResponse(*session, d.cookies, WantsCookie(req));
}

}  // namespace moderno::accounts
