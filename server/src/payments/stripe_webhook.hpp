#pragma once
// Stripe webhook events: verifying the Stripe-Signature header (HMAC-SHA256 with the endpoint
// secret, as Stripe documents) and reading the few fields the shop acts on.
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace moderno::payments {

// The parts of a verified event the shop needs.
struct WebhookEvent {
  std::string id;                 // "evt_..."
  std::string type;               // "payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded", others passed through
  std::string payment_intent_id;  // data.object.id for payment_intent.*; data.object.payment_intent for charge.*
  std::int64_t amount = 0;        // data.object.amount (payment_intent) or data.object.amount_refunded (charge)
  std::string failure_code;       // data.object.last_payment_error.code / decline_code when present
  std::string decline_code;       // data.object.last_payment_error.decline_code when present
  std::int64_t created = 0;       // the event's creation time, unix seconds
  // checkout.session.*: data.object.id and payment_status (amount is amount_total).
  std::string session_id, payment_status;
};

// Verifies the Stripe-Signature header ("t=<unix>,v1=<hex hmac>[,v1=...][,v0=...]") as Stripe
// documents: HMAC-SHA256 with the endpoint secret over "<t>.<payload>", constant-time compare
// against any v1, |now - t| <= tolerance_seconds. Errors: Errc::kMalformed (400) with a clear
// detail for a missing/garbled header, bad signature, timestamp outside tolerance, or a payload
// that is not a Stripe event JSON.
Result<WebhookEvent> VerifyWebhook(std::string_view payload, std::string_view signature_header,
                                   std::string_view endpoint_secret, std::int64_t now_unix,
                                   std::int64_t tolerance_seconds = 300);

// Builds a header value for a payload (used by the fake and tests): "t=<t>,v1=<hex>".
std::string SignWebhook(std::string_view payload, std::string_view endpoint_secret, std::int64_t t);

}  // namespace moderno::payments
