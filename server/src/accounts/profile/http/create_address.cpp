#include "accounts/profile/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts::profile {

http::Response CreateAddress(http::Request& req, accounts::HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  std::vector<FieldError> errors;
  AddressInput input = ReadAddressInput(*body, errors);
  if (!errors.empty()) return http::Problem(Invalid(std::move(errors)).error(), req);
  auto address = d.profile.CreateAddress(req.principal->user_id, input);
  if (!address) return http::Problem(address.error(), req);
  http::Response r = http::PrivateJson(201, ToJson(*address));
  r.Set("Location", "/api/v1/me/addresses/" + std::to_string(address->id));
  return r;
}

}  // namespace moderno::accounts::profile
