#include "accounts/profile/http/handlers.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts::profile {

http::Response GetAddress(http::Request& req, accounts::HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such address.", req);
  auto address = d.profile.GetAddress(req.principal->user_id, *id);
  if (!address) return http::Problem(address.error(), req);
  return http::PrivateJson(200, ToJson(*address));
}

}  // namespace moderno::accounts::profile
