#pragma once
// Card payments behind one interface: the sandbox (test mode, Stripe's test-token semantics,
// no network) and Stripe (PaymentIntents over HTTPS). Manual transfer and cash on delivery need
// no gateway: staff record them. A new provider is added in this folder and nowhere else.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

// One payment attempt of an order, to start on the provider's page.
struct RedirectRequest {
  std::int64_t amount = 0;     // minor units (whole pesos for CLP)
  std::string currency;
  std::string order_number;
  std::int64_t order_id = 0;
  std::string attempt_id;      // unique per attempt of the order (Webpay's buy_order, an idempotency key)
  std::string return_url;      // where the provider sends the customer back
  std::string cancel_url;      // where a cancelled payment goes back (providers that have one)
  std::vector<std::pair<std::string, std::int64_t>> lines;  // name and amount (quantity 1), for the provider's page
};

// Where the customer's browser goes to pay: a form `method` (GET or POST) to `url` with `fields`.
struct RedirectStart {
  std::string reference;  // the attempt's id at the provider (Webpay token, Checkout Session id)
  std::string url, method;
  std::vector<std::pair<std::string, std::string>> fields;
};

// A provider whose own page takes the card (Webpay Plus, Stripe Checkout): the shop never sees it.
class RedirectGateway {
 public:
  virtual ~RedirectGateway() = default;
  // "webpay", "stripe_checkout".
  virtual std::string name() const = 0;
  // Creates the attempt at the provider.
  virtual Result<RedirectStart> Start(const RedirectRequest& request) = 0;
  // Decides the attempt after the customer came back (Webpay's commit). kPending when the
  // provider has not decided yet; kUnavailable when it could not be asked.
  virtual Result<ChargeOutcome> Confirm(const std::string& reference) = 0;
  // Asks the provider what became of the attempt, changing nothing (reconciliation).
  virtual Result<ChargeOutcome> Query(const std::string& reference) = 0;
  // Refunds part or all of a paid attempt.
  virtual Result<RefundOutcome> Refund(const std::string& reference, std::int64_t amount,
                                       const std::string& idempotency_key) = 0;
};

// Test mode: tok_visa and tok_mastercard succeed, tok_chargeDeclined* decline.
std::unique_ptr<PaymentGateway> MakeSandboxGateway();
// Stripe's API at `api_base` with `secret_key`.
std::unique_ptr<PaymentGateway> MakeStripeGateway(const std::string& api_base, const std::string& secret_key);
// Stripe Checkout Sessions at `api_base` with `secret_key`.
std::unique_ptr<RedirectGateway> MakeStripeCheckoutGateway(const std::string& api_base, const std::string& secret_key);
// Transbank's Webpay Plus REST API at `api_base` with the commerce code and API key.
std::unique_ptr<RedirectGateway> MakeWebpayGateway(const std::string& api_base, const std::string& commerce_code,
                                                   const std::string& api_key);

}  // namespace moderno::payments
