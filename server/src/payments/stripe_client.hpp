#pragma once
// A small blocking client for the part of Stripe's REST API the shop uses: create and confirm
// a PaymentIntent with a card token, read it back, and refund it. libcurl underneath, one easy
// handle per call, so one StripeClient may be shared by threads.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "platform/error.hpp"

namespace moderno::payments {

// Where Stripe is and how to authenticate; from the environment.
struct StripeConfig {
  std::string api_base = "https://api.stripe.com";  // STRIPE_API_BASE
  std::string secret_key;                            // STRIPE_SECRET_KEY
  long timeout_ms = 10000;
  std::string api_version;  // sent as Stripe-Version when set; else the account's default
};

// What a PaymentIntent looks like to us after create+confirm.
struct PaymentIntent {
  std::string id;               // "pi_..."; empty only for a decline Stripe reported without an intent
  std::string status;           // Stripe's: "succeeded", "requires_action", "processing", "requires_payment_method", "canceled"
  std::int64_t amount = 0;
  std::string currency;         // lower-case as Stripe returns it ("clp")
  std::string client_secret;    // for next actions in the browser
  std::string failure_code;     // e.g. "card_declined" when the charge was declined (last_payment_error.code, else error.code, else the decline code)
  std::string failure_message;
  std::string decline_code;     // the issuer's reason when declined: "generic_decline", "insufficient_funds", ...
};

// A refund of (part of) a PaymentIntent.
struct Refund {
  std::string id;        // "re_..."
  std::string status;    // "succeeded", "pending", "failed"
  std::int64_t amount = 0;
};

// A Checkout Session: Stripe's hosted payment page for one order.
struct CheckoutSession {
  std::string id;              // "cs_..."
  std::string url;             // where the customer pays (while open)
  std::string status;          // open, complete, expired
  std::string payment_status;  // unpaid, paid, no_payment_required
  std::string payment_intent;  // "pi_..." once paid
  std::int64_t amount_total = 0;
  std::string currency;
};

// What a Checkout Session is created with.
struct CheckoutRequest {
  std::string currency;
  std::vector<std::pair<std::string, std::int64_t>> lines;  // name and amount (quantity 1)
  std::string order_id, order_number;                       // metadata and client_reference_id
  std::string success_url, cancel_url;
  std::string idempotency_key;
};

// Calls Stripe. Errors: kUnavailable when Stripe cannot be reached, times out, answers 5xx or
// rate-limits (429); kInternal for any other refusal (bad key, invalid request, idempotency
// conflict) with Stripe's message in `internal`, never the secret key.
class StripeClient {
 public:
  explicit StripeClient(StripeConfig cfg);

  // POST /v1/payment_intents with amount, currency, confirm=true, payment_method_types[0]=card,
  // payment_method_data[type]=card, payment_method_data[card][token]=<token> (Stripe's
  // documented way to confirm with a test token like tok_visa), metadata[order_number],
  // description, and the header Idempotency-Key: idempotency_key.
  // A card decline is NOT an error: Stripe answers 402 with an error object containing a
  // payment_intent; that PaymentIntent is returned with status "requires_payment_method" and
  // failure_code/message filled.
  Result<PaymentIntent> CreateAndConfirm(std::int64_t amount, const std::string& currency,
                                         const std::string& token, const std::string& order_number,
                                         const std::string& idempotency_key);
  // GET /v1/payment_intents/{id}
  Result<PaymentIntent> Retrieve(const std::string& payment_intent_id);
  // POST /v1/refunds with payment_intent, amount; Idempotency-Key header. An amount <= 0
  // refunds whatever has not been refunded yet.
  Result<Refund> CreateRefund(const std::string& payment_intent_id, std::int64_t amount,
                              const std::string& idempotency_key);

  // POST /v1/checkout/sessions with mode=payment, line_items[i][price_data] (currency,
  // unit_amount in the currency's smallest unit: whole pesos for CLP, a zero-decimal currency,
  // product_data[name]) and quantity 1, success_url, cancel_url, client_reference_id,
  // metadata[order_id], metadata[order_number], payment_intent_data[metadata][order_number];
  // Idempotency-Key header.
  Result<CheckoutSession> CreateCheckoutSession(const CheckoutRequest& request);
  // GET /v1/checkout/sessions/{id}
  Result<CheckoutSession> RetrieveCheckoutSession(const std::string& session_id);

 private:
  StripeConfig cfg_;
};

}  // namespace moderno::payments
