#include "accounts/http/handlers.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts {

http::Response RegenerateRecoveryCodes(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto factor = ReadSecondFactor(f);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  auto codes = d.two_factor.RegenerateRecoveryCodes(*req.principal, *factor, audit::EntryFrom(req));
  if (!codes) return http::Problem(codes.error(), req);
  return http::PrivateJson(200, boost::json::object{{"recovery_codes", RecoveryCodesJson(*codes)}});
}

}  // namespace moderno::accounts
