#include "accounts/http/handlers.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts {

http::Response EnableTwoFactor(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto code = f.String("code", 16);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  auto codes = d.two_factor.Enable(*req.principal, *code, audit::EntryFrom(req));
  if (!codes) return http::Problem(codes.error(), req);
  return http::PrivateJson(200, boost::json::object{{"enabled", true}, {"recovery_codes", RecoveryCodesJson(*codes)}});
}

}  // namespace moderno::accounts
