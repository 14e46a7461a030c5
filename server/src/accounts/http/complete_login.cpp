#include "accounts/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace moderno::accounts {

http::Response CompleteLogin(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto challenge = f.String("challenge_token", 128);
  auto factor = ReadSecondFactor(f);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  auto session = d.auth.CompleteLogin(*challenge, *factor, ClientOf(req));
  if (!session) return http::Problem(session.error(), req);
  return SessionResponse(*session, d.cookies, WantsCookie(req));
}

}  // namespace moderno::accounts
