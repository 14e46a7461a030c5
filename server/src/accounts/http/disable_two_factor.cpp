#include "accounts/http/handlers.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts {

http::Response DisableTwoFactor(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto password = f.String("password", 256);
  auto factor = ReadSecondFactor(f);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  auto done = d.two_factor.Disable(*req.principal, *password, *factor, audit::EntryFrom(req));
  if (!done) return http::Problem(done.error(), req);
  return http::NoContent();
}

}  // namespace moderno::accounts
