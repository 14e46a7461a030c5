#include <boost/json.hpp>

#include "payments/http/handlers.hpp"
#include "payments/stripe_webhook.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"
#include "platform/log/log.hpp"

namespace moderno::payments {

// POST /api/v1/payments/webhooks/stripe: a signed Stripe event, applied once per event id.
http::Response StripeWebhook(http::Request& req, HttpDeps& d) {
  if (d.stripe_webhook_secret.empty()) return http::Problem(Errc::kNotFound, "Stripe is not configured.", req);
  auto header = req.Header("stripe-signature");
  auto event = VerifyWebhook(req.body, header ? *header : std::string_view(), d.stripe_webhook_secret,
                             time::UnixSeconds(d.clock()));
  if (!event) {
    log::Security("webhook_rejected", {{"ip", req.client_ip}, {"reason", event.error().detail}});
    return http::Problem(event.error(), req);
  }
  auto applied = d.apply({event->id, event->type, event->payment_intent_id, event->failure_code, event->amount,
                          event->session_id, event->payment_status});
  if (!applied) return http::Problem(applied.error(), req);
  return http::Json(200, boost::json::object{{"received", true}, {"duplicate", !*applied}});
}

}  // namespace moderno::payments
