#include "accounts/profile/http/handlers.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts::profile {

http::Response ExportMe(http::Request& req, accounts::HttpDeps& d) {
  auto data = d.profile.Export(req.principal->user_id);
  if (!data) return http::Problem(data.error(), req);
  http::Response r = http::PrivateJson(200, ToJson(*data));
  r.Set("Content-Disposition", "attachment; filename=\"mis-datos.json\"");
  return r;
}

}  // namespace moderno::accounts::profile
