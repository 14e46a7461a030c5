#include "accounts/profile/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts::profile {

http::Response DeleteMe(http::Request& req, accounts::HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  // Read as sent: a password is never trimmed.
  auto it = body->find("password");
  if (it == body->end() || !it->value().is_string() || it->value().as_string().empty()) {
    return http::Problem(
        Invalid({{"password", "required", "password is required to delete the account"}}).error(),
        req);
  }
  auto erased = d.profile.DeleteAccount(req.principal->user_id, std::string(it->value().as_string()));
  if (!erased) return http::Problem(erased.error(), req);
  http::Response r = http::NoContent();
  r.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace moderno::accounts::profile
