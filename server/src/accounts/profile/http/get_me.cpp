#include "accounts/profile/http/handlers.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts::profile {

http::Response GetMe(http::Request& req, accounts::HttpDeps& d) {
  auto profile = d.profile.GetProfile(req.principal->user_id);
  if (!profile) return http::Problem(profile.error(), req);
  return http::PrivateJson(200, ToJson(*profile));
}

}  // namespace moderno::accounts::profile
