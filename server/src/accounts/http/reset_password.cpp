#include "accounts/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts {

http::Response ResetPassword(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto token = f.String("token", 512);
  auto password = f.String("password", 256);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  auto done = d.auth.ResetPassword(*token, *password);
  if (!done) return http::Problem(done.error(), req);
  return http::NoContent();
}

}  // namespace moderno::accounts
