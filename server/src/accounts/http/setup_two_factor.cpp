#include "accounts/http/handlers.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts {

http::Response SetupTwoFactor(http::Request& req, HttpDeps& d) {
  auto setup = d.two_factor.Setup(*req.principal);
  if (!setup) return http::Problem(setup.error(), req);
  return http::PrivateJson(200, boost::json::object{{"secret", setup->secret}, {"otpauth_uri", setup->otpauth_uri}});
}

}  // namespace moderno::accounts
