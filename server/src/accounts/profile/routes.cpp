#include "accounts/profile/routes.hpp"

#include <memory>

#include "accounts/profile/http/handlers.hpp"

namespace moderno::accounts::profile {

void RegisterProfileRoutes(http::Router& router, const ProfileDeps& deps) {
  // One service shared by the handlers; it lives as long as the routes that hold it.
  auto service = std::make_shared<Service>(deps.db, deps.cipher);
  const http::RouteOptions signed_in{.runs = http::Runs::kOnWorker,
                                     .access = http::SignedIn(),
                                     .rate_class = "general"};
  using Operation = http::Response (*)(http::Request&, Service&);
  auto add = [&](const char* method, const char* pattern, Operation op) {
    router.Add(method, pattern, [service, op](http::Request& req) { return op(req, *service); },
               signed_in);
  };
  // PUT /api/v1/me/password is registered by the authentication routes.
  add("GET", "/api/v1/me", GetMe);
  add("PUT", "/api/v1/me", UpdateMe);
  add("DELETE", "/api/v1/me", DeleteMe);
  add("GET", "/api/v1/me/export", ExportMe);
  add("GET", "/api/v1/me/addresses", ListAddresses);
  add("POST", "/api/v1/me/addresses", CreateAddress);
  add("GET", "/api/v1/me/addresses/{id}", GetAddress);
  add("PUT", "/api/v1/me/addresses/{id}", UpdateAddress);
  add("DELETE", "/api/v1/me/addresses/{id}", DeleteAddress);
}

}  // namespace moderno::accounts::profile
