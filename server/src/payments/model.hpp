#pragma once
// What the payments domain works with: the outcome of a charge, a verified provider event, and
// the methods a customer may choose.
#include <cstdint>
#include <string>

namespace moderno::payments {

// How card payments are configured (from config::Config).
struct Settings {
  bool sandbox = true;                 // test-mode card payments
  std::string stripe_api_base;
  std::string stripe_secret_key;       // empty: Stripe is off
  std::string stripe_webhook_secret;
  std::string webpay_api_base;         // Transbank's host (integration or production)
  std::string webpay_commerce_code;    // empty: Webpay Plus is off
  std::string webpay_api_key;
};

// What a provider answered to a charge.
struct ChargeOutcome {
  enum class Kind { kSucceeded, kDeclined, kPending } kind = Kind::kPending;
  std::string reference;       // provider id of the charge
  std::string client_secret;   // kPending: for the customer's browser
  std::string failure_code;    // kDeclined
  std::string failure_message;
  // What a redirect provider reported about the attempt (empty / 0 when it said nothing).
  std::int64_t amount = 0;
  std::string provider_status;  // Webpay: AUTHORIZED, FAILED, INITIALIZED, ...
  std::string authorization_code, card_last4, payment_type;
  int installments = 0;
  std::string buy_order;
};

// A refund as the provider answered it.
struct RefundOutcome {
  std::string reference;        // the refund's id, or the provider's authorization code
  std::string provider_status;  // Webpay: REVERSED or NULLIFIED; Stripe: succeeded, pending
};

// A verified provider event, applied once per id.
struct ProviderEvent {
  std::string id, type, reference, failure_code;
  std::int64_t amount = 0;
  // Events about a Checkout Session: its id and payment_status (paid, unpaid).
  std::string session_id, payment_status;
};

// A payment method offered at checkout.
struct Method {
  std::string code, label;
  bool needs_token = false, test_mode = false;
  bool redirect = false;  // paid on the provider's own page (next_action redirect)
};

// Payment methods: staff-settled ones and the card ones a gateway charges.
inline constexpr const char* kManual = "manual";  // bank transfer, marked paid by staff
inline constexpr const char* kCashOnDelivery = "cod";
inline constexpr const char* kSandbox = "sandbox";
inline constexpr const char* kStripe = "stripe";
inline constexpr const char* kWebpay = "webpay";  // Transbank Webpay Plus, by redirect
inline constexpr const char* kStripeCheckout = "stripe_checkout";  // Stripe's hosted Checkout page

}  // namespace moderno::payments
