#include "accounts/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace moderno::accounts {

http::Response ForgotPassword(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto email = f.String("email");
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  // The same answer whether or not the account exists.
  (void)d.auth.ForgotPassword(*email);
  return http::JsonResponse(202, R"({"status":"accepted","detail":"If the account exists, an email with instructions is on its way."})");
}

}  // namespace moderno::accounts
