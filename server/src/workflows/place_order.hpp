#pragma once
// Place order: checkout from the cart or a list of lines, with prices from the catalog, one
// unit of work that claims the idempotency key, prices, writes the order, reserves stock and
// redeems the coupon; then, outside it, the card charge and its outcome.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accounts/profile/address.hpp"
#include "orders/model.hpp"
#include "workflows/deps.hpp"
#include "workflows/steps.hpp"

namespace moderno::workflows {

// One line of POST /orders.
struct OrderLineInput {
  std::int64_t product_id = 0;
  std::optional<std::int64_t> variant_id;
  std::int64_t quantity = 0;
  std::optional<std::int64_t> unit_price;  // what the customer saw; must match the current price
};

// POST /orders, read and type-checked by the handler.
struct PlaceOrderInput {
  std::vector<OrderLineInput> items;
  bool from_cart = false;
  std::optional<accounts::profile::AddressFields> shipping_address;  // validated
  std::optional<std::int64_t> shipping_address_id;
  std::optional<accounts::profile::AddressFields> billing_address;
  std::optional<std::string> shipping_method;
  std::optional<std::string> coupon_code;
  std::string payment_method;
  std::optional<std::string> payment_token;
  std::optional<std::string> notes;
};

// The answer to a POST that may be a replay.
struct Placed {
  orders::Order order;
  // Set when the Idempotency-Key was seen before: the first response to send again verbatim
  // (status 0: render the order as it is now).
  std::optional<std::pair<int, std::string>> replay;
};

class PlaceOrder {
 public:
  explicit PlaceOrder(Deps& deps) : d_(deps), steps_(deps) {}

  // Checkout. `idempotency_key` empty: none. `request_hash` identifies the body.
  Result<Placed> Run(std::int64_t user_id, const PlaceOrderInput& in, const std::string& idempotency_key,
                     const std::string& request_hash);
  // The idempotency scope of a user's checkouts.
  static std::string Scope(std::int64_t user_id);
  // Stores the answer of a keyed checkout for replays.
  void Remember(std::int64_t user_id, const std::string& key, int status, const std::string& body);

 private:
  // The payment method and token, checked before anything is written.
  Result<void> CheckPayment(const PlaceOrderInput& in) const;
  // The card charge after the commit, and its outcome applied to the order.
  Result<void> Charge(payments::PaymentGateway& gateway, const std::string& token, Placed& placed);
  // The first attempt of a payment on the provider's page, after the commit.
  Result<Placed> StartRedirect(Placed& placed);
  // Applies a charge outcome to an order still pending.
  Result<orders::Order> ApplyChargeOutcome(std::int64_t order_id, const std::string& provider,
                                           const payments::ChargeOutcome& outcome);

  Deps& d_;
  Steps steps_;
};

}  // namespace moderno::workflows
