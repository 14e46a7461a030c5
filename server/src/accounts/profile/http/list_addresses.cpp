#include "accounts/profile/http/handlers.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts::profile {

http::Response ListAddresses(http::Request& req, accounts::HttpDeps& d) {
  auto addresses = d.profile.ListAddresses(req.principal->user_id);
  if (!addresses) return http::Problem(addresses.error(), req);
  boost::json::array data;
  for (const Address& a : *addresses) data.push_back(ToJson(a));
  return http::PrivateJson(200, boost::json::object{{"data", std::move(data)}});
}

}  // namespace moderno::accounts::profile
