#include "accounts/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace moderno::accounts {

http::Response LoginUser(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto email = f.String("email");
  auto password = f.String("password", 256);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  auto session = d.auth.Login(*email, *password, ClientOf(req));
  if (!session) return http::Problem(session.error(), req);
  return SessionResponse(*session, d.cookies, WantsCookie(req));
}

}  // namespace moderno::accounts
