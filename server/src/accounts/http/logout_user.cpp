#include "accounts/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts {

http::Response LogoutUser(http::Request& req, HttpDeps& d) {
  std::optional<std::string> refresh;
  if (!req.body.empty()) {
    auto body = http::ParseJsonObject(req);
    if (!body) return http::Problem(body.error(), req);
    http::Fields f(*body);
    refresh = f.OptString("refresh_token", 512);
    if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  }
  auto done = d.auth.Logout(*req.principal, refresh);
  if (!done) return http::Problem(done.error(), req);
  return http::NoContent();
}

}  // namespace moderno::accounts
