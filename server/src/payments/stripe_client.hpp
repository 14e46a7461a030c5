#pragma once
// A small blocking client for the part of Stripe's REST API the shop uses: create and confirm
// a PaymentIntent with a card token, read it back, and refund it. libcurl underneath, one easy
// handle per call, so one StripeClient may be shared by threads.
#include <cstdint>
#include <string>

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

 private:
  StripeConfig cfg_;
};

}  // namespace moderno::payments
