#include "accounts/http/handlers.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts {

http::Response GetTwoFactor(http::Request& req, HttpDeps& d) {
  auto s = d.two_factor.Status(*req.principal);
  if (!s) return http::Problem(s.error(), req);
  return http::PrivateJson(200, boost::json::object{
                                    {"enabled", s->enabled},
                                    {"enabled_at", s->enabled ? boost::json::value(s->enabled_at) : nullptr},
                                    {"recovery_codes_left", s->recovery_codes_left},
                                    {"required", s->required}});
}

}  // namespace moderno::accounts
