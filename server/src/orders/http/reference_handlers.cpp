// Shipping methods, payment methods, and the Stripe webhook.
#include <boost/json.hpp>

#include "orders/http/handlers.hpp"
#include "orders/shipping.hpp"
#include "payments/stripe_webhook.hpp"
#include "platform/http/problem.hpp"
#include "platform/log/log.hpp"

namespace moderno::orders {
namespace json = boost::json;

http::Response ListShippingMethods(http::Request& req, HttpDeps& d) {
  std::optional<std::string> region;
  if (auto q = req.Query("region"); q && !q->empty()) {
    region = RegionCode(*q);
    if (!region) {
      return http::Problem(Invalid({{"region", "unknown", "not a region of Chile (a name or a code such as CL-RM)"}}).error(), req);
    }
  }
  json::array data;
  for (const auto& m : d.orders.ShippingMethods(region)) data.push_back(ToJson(m));
  json::object body{{"data", std::move(data)}, {"currency", d.orders.settings().currency}};
  body["region"] = region ? json::value(*region) : json::value(nullptr);
  return http::JsonResponse(200, json::serialize(body));
}

http::Response ListPaymentMethods(http::Request&, HttpDeps& d) {
  json::array data;
  for (const auto& m : d.orders.PaymentMethods()) {
    data.push_back({{"code", m.code}, {"label", m.label}, {"requires_token", m.needs_token}, {"test_mode", m.test_mode}});
  }
  return http::JsonResponse(200, json::serialize(json::object{{"data", std::move(data)}}));
}

http::Response StripeWebhook(http::Request& req, HttpDeps& d) {
  if (d.stripe_webhook_secret.empty()) return http::Problem(Errc::kNotFound, "Stripe is not configured.", req);
  auto header = req.Header("stripe-signature");
  auto event = payments::VerifyWebhook(req.body, header ? *header : std::string_view(), d.stripe_webhook_secret,
                                       time::UnixSeconds(d.clock()));
  if (!event) {
    log::Security("webhook_rejected", {{"ip", req.client_ip}, {"reason", event.error().detail}});
    return http::Problem(event.error(), req);
  }
  auto applied = d.orders.ApplyProviderEvent({event->id, event->type, event->payment_intent_id, event->failure_code, event->amount});
  if (!applied) return http::Problem(applied.error(), req);
  return http::JsonResponse(200, json::serialize(json::object{{"received", true}, {"duplicate", !*applied}}));
}

}  // namespace moderno::orders
