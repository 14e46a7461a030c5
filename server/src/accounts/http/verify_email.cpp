#include "accounts/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace moderno::accounts {

http::Response VerifyEmail(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto token = f.String("token", 512);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  auto done = d.auth.VerifyEmail(*token);
  if (!done) return http::Problem(done.error(), req);
  return http::JsonResponse(200, R"({"email_verified":true})");
}

}  // namespace moderno::accounts
