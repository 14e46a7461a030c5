#pragma once
// Card payments behind one interface: the sandbox (test mode, Stripe's test-token semantics,
// no network) and Stripe (PaymentIntents over HTTPS). Manual transfer and cash on delivery need
// no gateway: staff record them. A new provider is added in this folder and nowhere else.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "payments/model.hpp"
#include "platform/error.hpp"

namespace moderno::payments {

class PaymentGateway {
 public:
  virtual ~PaymentGateway() = default;
  // "sandbox" or "stripe".
  virtual std::string name() const = 0;
  // A token this gateway may accept (checked before any order is created): Invalid otherwise.
  virtual Result<void> CheckToken(const std::string& token) const = 0;
  // Charges `amount` once per `idempotency_key` (a retry returns the first outcome).
  virtual Result<ChargeOutcome> Charge(std::int64_t amount, const std::string& currency, const std::string& token,
                                       const std::string& order_number, const std::string& idempotency_key) = 0;
  // Refunds part or all of a charge; returns the refund's reference.
  virtual Result<std::string> Refund(const std::string& reference, std::int64_t amount,
                                     const std::string& idempotency_key) = 0;
};

// Test mode: tok_visa and tok_mastercard succeed, tok_chargeDeclined* decline.
std::unique_ptr<PaymentGateway> MakeSandboxGateway();
// Stripe's API at `api_base` with `secret_key`.
std::unique_ptr<PaymentGateway> MakeStripeGateway(const std::string& api_base, const std::string& secret_key);

}  // namespace moderno::payments
