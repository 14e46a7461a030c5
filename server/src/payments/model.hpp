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
};

// What a provider answered to a charge.
struct ChargeOutcome {
  enum class Kind { kSucceeded, kDeclined, kPending } kind = Kind::kPending;
  std::string reference;       // provider id of the charge
  std::string client_secret;   // kPending: for the customer's browser
  std::string failure_code;    // kDeclined
  std::string failure_message;
};

// A verified provider event, applied once per id.
struct ProviderEvent {
  std::string id, type, reference, failure_code;
  std::int64_t amount = 0;
};

// A payment method offered at checkout.
struct Method {
  std::string code, label;
  bool needs_token = false, test_mode = false;
};

// Payment methods: staff-settled ones and the card ones a gateway charges.
inline constexpr const char* kManual = "manual";  // bank transfer, marked paid by staff
inline constexpr const char* kCashOnDelivery = "cod";
inline constexpr const char* kSandbox = "sandbox";
inline constexpr const char* kStripe = "stripe";

}  // namespace moderno::payments
