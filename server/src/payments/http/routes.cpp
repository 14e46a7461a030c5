#include "payments/http/routes.hpp"

namespace moderno::payments {

void RegisterRoutes(http::Router& router, HttpDeps& deps) {
  router.Add("GET", "/api/v1/payment-methods", [&deps](http::Request& req) { return ListPaymentMethods(req, deps); },
             {.runs = http::Runs::kOnWorker, .access = http::Public(), .rate_class = "general"});
  // Providers are not rate limited: they retry on failure, and the signature is the gate.
  router.Add("POST", "/api/v1/payments/webhooks/stripe", [&deps](http::Request& req) { return StripeWebhook(req, deps); },
             {.runs = http::Runs::kOnWorker, .access = http::Public(), .rate_class = "none"});
}

}  // namespace moderno::payments
