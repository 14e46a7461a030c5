#include "accounts/profile/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts::profile {

http::Response UpdateAddress(http::Request& req, accounts::HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such address.", req);
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  std::vector<FieldError> errors;
  AddressInput input = ReadAddressInput(*body, errors);
  if (!errors.empty()) return http::Problem(Invalid(std::move(errors)).error(), req);
  auto address = d.profile.UpdateAddress(req.principal->user_id, *id, input);
  if (!address) return http::Problem(address.error(), req);
  return http::PrivateJson(200, ToJson(*address));
}

}  // namespace moderno::accounts::profile
