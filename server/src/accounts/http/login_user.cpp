#include "accounts/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts {

http::Response LoginUser(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto email = f.String("email");
  auto password = f.String("password", 256);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  auto in = d.auth.Login(*email, *password, ClientOf(req));
  if (!in) return http::Problem(in.error(), req);
  if (in->session) return SessionResponse(*in->session, d.cookies, WantsCookie(req));
  // Two-factor sign-in: no tokens yet, the challenge goes to POST /api/v1/auth/login/2fa.
  http::Response r = http::Json(200, boost::json::object{{"two_factor_required", true},
                                                        {"challenge_token", in->challenge->token},
                                                        {"expires_in", in->challenge->expires_in},
                                                        {"methods", boost::json::array{"totp", "recovery_code"}}});
  r.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace moderno::accounts
