#include "accounts/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace moderno::accounts {

http::Response RegisterUser(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  Registration r;
  // Only types are checked here; the service reports every missing or invalid field at once.
  r.email = f.OptString("email").value_or("");
  r.password = f.OptString("password", 256).value_or("");
  r.name = f.OptString("name").value_or("");
  r.phone = f.OptString("phone", 32);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  auto user = d.auth.Register(r);
  if (!user) return http::Problem(user.error(), req);
  http::Response resp = http::JsonResponse(201, UserJson(*user));
  resp.Set("Location", "/api/v1/me");
  return resp;
}

}  // namespace moderno::accounts
