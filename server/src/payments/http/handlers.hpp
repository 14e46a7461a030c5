#pragma once
// The payments routes: the methods offered at checkout and the providers' webhooks.
#include <functional>
#include <string>

#include "payments/model.hpp"
#include "payments/providers.hpp"
#include "platform/error.hpp"
#include "platform/http/message.hpp"
#include "platform/time/time.hpp"

namespace moderno::payments {

// What the payments handlers are given. `apply` settles a verified event on its order (the
// place-order workflow); it answers false for an event applied before.
struct HttpDeps {
  Providers& providers;
  std::string stripe_webhook_secret;
  time::SystemClock clock;
  std::function<Result<bool>(const ProviderEvent&)> apply;
};

http::Response ListPaymentMethods(http::Request& req, HttpDeps& d);
http::Response StripeWebhook(http::Request& req, HttpDeps& d);

}  // namespace moderno::payments
