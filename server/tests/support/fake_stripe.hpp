#pragma once
// A fake Stripe for tests: an in-process HTTP/1.1 server on 127.0.0.1 (ephemeral port, its own
// thread) that answers the part of Stripe's documented API the shop uses — PaymentIntents
// confirmed with test tokens, retrieval, refunds, idempotency keys — and sends signed webhook
// events. Real sockets, so the libcurl client is exercised end to end.
//
// Test tokens, as in Stripe's docs: tok_visa, tok_visa_debit, tok_mastercard, tok_amex succeed;
// tok_chargeDeclined (generic_decline), tok_chargeDeclinedInsufficientFunds,
// tok_chargeDeclinedFraudulent, tok_chargeDeclinedExpiredCard, tok_chargeDeclinedIncorrectCvc
// and tok_chargeDeclinedProcessingError decline with HTTP 402; tok_threeDSecure2Required leaves
// the intent in requires_action. Any other token is a 400 invalid_request_error.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "payments/stripe_client.hpp"

namespace moderno::testing {

struct FakeStripeOptions {
  std::string secret_key = "sk_test_moderno_fake_4242";
  std::string webhook_secret = "whsec_moderno_fake_4242";
  // When set, payment_intent.succeeded / payment_intent.payment_failed (after each new intent)
  // and charge.refunded (after each refund) are posted here from a separate thread, as Stripe
  // does. Off by default.
  std::string auto_webhook_url;
};

// What the fake holds for one PaymentIntent (for assertions).
struct FakeIntent {
  std::string id;
  std::string status;
  std::int64_t amount = 0;
  std::int64_t amount_refunded = 0;
  std::string currency;
  std::string client_secret;
  std::string token;
  std::string order_number;  // metadata[order_number]
  std::string description;
  std::string charge_id;
  std::string failure_code;
  std::string decline_code;
  std::string failure_message;
  std::int64_t created = 0;
};

// What the fake holds for one Checkout Session (for assertions).
struct FakeSession {
  std::string id, url, status = "open", payment_status = "unpaid";
  std::int64_t amount_total = 0;
  std::string currency, payment_intent, success_url, cancel_url, client_reference_id;
  std::map<std::string, std::string> metadata;
  std::vector<std::pair<std::string, std::int64_t>> lines;  // name, unit_amount x quantity
  std::string idempotency_key;
};

// How the customer finishes on the hosted Checkout page.
enum class CheckoutOutcome { kPaid, kAsyncPending };

class FakeStripe {
 public:
  explicit FakeStripe(FakeStripeOptions options = {});
  ~FakeStripe();
  FakeStripe(const FakeStripe&) = delete;
  FakeStripe& operator=(const FakeStripe&) = delete;

  std::uint16_t Port() const;
  // "http://127.0.0.1:<port>", for StripeConfig::api_base (STRIPE_API_BASE).
  std::string BaseUrl() const;
  const std::string& SecretKey() const;
  const std::string& WebhookSecret() const;
  // A client configuration pointing here with the right key and a short timeout.
  payments::StripeConfig ClientConfig(long timeout_ms = 3000) const;

  // PaymentIntents created (idempotent replays not counted, declines counted).
  int IntentsCreated() const;
  int RefundsCreated() const;
  // Every HTTP request received, whatever its answer.
  int RequestCount() const;
  // The last request's headers (lower-case names), method and target ("POST /v1/refunds"), body.
  std::map<std::string, std::string> LastRequestHeaders() const;
  std::string LastRequestHeader(const std::string& lower_case_name) const;
  std::string LastRequestLine() const;
  std::string LastRequestBody() const;
  // The stored intent, or nullopt.
  std::optional<FakeIntent> Intent(const std::string& payment_intent_id) const;

  // Every API request answers `status` with Stripe's api_error body (0 restores normal service).
  // These answers are not stored under idempotency keys (as when Stripe fails before its API
  // runs), so a retry with the same key succeeds once service is restored.
  void FailWith(int status);
  // Every answer is held back this long before it is written (0 restores normal service).
  void StallFor(std::chrono::milliseconds delay);

  // The JSON of an event of `type` about the stored intent: data.object is the PaymentIntent for
  // payment_intent.*, its Charge (with amount_refunded and payment_intent) for charge.*. An
  // unknown id gives a minimal object carrying that id.
  std::string BuildEvent(const std::string& type, const std::string& payment_intent_id);
  // Builds an event and POSTs it, signed with the webhook secret at `timestamp` (0: now), to
  // `url` ("http://127.0.0.1:<port>/path"). The HTTP status, or 0 when nothing answered.
  int SendWebhook(const std::string& url, const std::string& type,
                  const std::string& payment_intent_id, std::int64_t timestamp = 0);
  // POSTs an exact event JSON (e.g. LastEventJson(), to replay it), signed at `timestamp` (0: now).
  int SendEvent(const std::string& url, const std::string& event_json, std::int64_t timestamp = 0);
  // POSTs a body with any Stripe-Signature value (empty: no header), for rejection tests.
  int SendSigned(const std::string& url, const std::string& body, const std::string& signature_header);
  // The last event sent by SendWebhook, SendEvent or an automatic webhook.
  std::string LastEventJson() const;

  // Turns automatic webhooks on (a URL) or off (empty).
  void SetAutoWebhookUrl(std::string url);
  // Blocks until every automatic webhook queued so far has been delivered (or 30 s pass).
  // Webhooks still queued when the fake is destroyed are dropped.
  void WaitForWebhooks();
  // The HTTP status of each automatic webhook delivered, in order.
  std::vector<int> AutoWebhookStatuses() const;

  // Checkout Sessions (POST /v1/checkout/sessions, GET /v1/checkout/sessions/{id}): the
  // stored session, or nullopt.
  std::optional<FakeSession> Session(const std::string& session_id) const;
  int SessionsCreated() const;
  // The customer finishes on the hosted page: paid (a succeeded PaymentIntent is made) or
  // awaiting an asynchronous payment. The success_url the browser goes to.
  std::string CompleteCheckout(const std::string& session_id, CheckoutOutcome outcome);
  // An asynchronous payment of a completed session succeeds or fails.
  void SettleAsync(const std::string& session_id, bool succeeded);
  // The session expires (open sessions only).
  void ExpireSession(const std::string& session_id);
  // For checkout.session.* types BuildEvent / SendWebhook take a session id; data.object is the
  // Checkout Session.

  struct State;  // sockets, threads and stored objects, defined in fake_stripe.cpp

 private:
  std::unique_ptr<State> state_;
};

}  // namespace moderno::testing
