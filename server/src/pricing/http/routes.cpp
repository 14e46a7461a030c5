#include "pricing/http/routes.hpp"

namespace moderno::pricing {

void RegisterRoutes(http::Router& router, HttpDeps& deps) {
  router.Add("GET", "/api/v1/shipping-methods", [&deps](http::Request& req) { return ListShippingMethods(req, deps); },
             {.runs = http::Runs::kOnWorker, .access = http::Public(), .rate_class = "general"});
}

}  // namespace moderno::pricing
