#pragma once
// Orders: checkout (prices from the server, stock reserved in one transaction, idempotent by
// key), payment outcomes, the staff workflow, cancellation, refunds and reservation expiry.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accounts/profile/repository.hpp"
#include "orders/cart_service.hpp"
#include "orders/events.hpp"
#include "orders/model.hpp"
#include "orders/payment_gateway.hpp"
#include "platform/audit/audit.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "platform/time/time.hpp"

namespace moderno::orders {

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
  Order order;
  // Set when the Idempotency-Key was seen before: the first response to send again verbatim.
  std::optional<std::pair<int, std::string>> replay;
};

// Filters of the staff order list.
struct OrderFilter {
  std::optional<std::string> status, payment_status, from, to, q;
  std::optional<std::int64_t> customer;
  int page = 1, limit = 20;
};

struct OrderPage {
  std::vector<Order> orders;              // without items, history or payments
  std::vector<std::int64_t> item_counts;  // units in each order, same order
  std::int64_t total = 0;
};

struct LowStockAlert {
  std::int64_t id = 0;
  std::int64_t inventory_id = 0, product_id = 0;
  std::optional<std::int64_t> variant_id;
  std::string sku, name, warehouse_code;
  std::int64_t available = 0, available_now = 0, reorder_point = 0;
  std::string status, created_at;
  std::optional<std::string> resolved_at;
};

class OrderService {
 public:
  OrderService(db::Database& db, const crypto::Cipher& cipher, Settings settings,
               time::SystemClock clock, std::function<void()> stock_changed);
  ~OrderService();

  // Payment methods enabled here: code, label, whether a token is required, test mode.
  struct Method {
    std::string code, label;
    bool needs_token = false, test_mode = false;
  };
  std::vector<Method> PaymentMethods() const;
  std::vector<ShippingQuote> ShippingMethods(const std::optional<std::string>& region_code);

  // Checkout. `idempotency_key` empty: none. Scope keys per user.
  Result<Placed> Place(std::int64_t user_id, const PlaceOrderInput& in, const std::string& idempotency_key,
                       const std::string& request_hash, const audit::AuditEntry& who);
  // Idempotency keys (24 hours) of checkout and payment calls, by scope ("user:<id>:<operation>").
  static std::string CheckoutScope(std::int64_t user_id);
  // Stores the response of a keyed request for replays.
  void RememberResponse(const std::string& scope, const std::string& idempotency_key, int status, const std::string& body);
  // Before a keyed call: the stored response to send again, or nothing (the key is now claimed);
  // 422 when the key came with another request, 409 while the first is still running.
  Result<std::optional<std::pair<int, std::string>>> ClaimKey(const std::string& scope, const std::string& key,
                                                             const std::string& request_hash);
  // A keyed call failed: the key may be used again.
  void ForgetKey(const std::string& scope, const std::string& key);

  // A customer's order (others' -> 404), or any order for staff (user_id nullopt).
  Result<Order> Get(std::optional<std::int64_t> user_id, std::int64_t order_id);
  Result<OrderPage> ListMine(std::int64_t user_id, int page, int limit);
  Result<OrderPage> ListAll(const OrderFilter& f);

  // Customer cancellation while pending/confirmed.
  Result<Order> CancelByCustomer(std::int64_t user_id, std::int64_t order_id);
  // Staff transition along the state machine; 409 naming the allowed ones.
  Result<Order> ChangeStatus(std::int64_t order_id, const std::string& to, const std::optional<std::string>& tracking,
                             const std::optional<std::string>& note, const audit::AuditEntry& who);
  Result<Order> MarkPaid(std::int64_t order_id, const std::optional<std::string>& reference, const audit::AuditEntry& who);
  Result<Order> Refund(std::int64_t order_id, std::optional<std::int64_t> amount, const std::optional<std::string>& reason,
                       const audit::AuditEntry& who);

  // A verified provider event: applies it once per event id. Returns false for a replay.
  struct ProviderEvent {
    std::string id, type, reference, failure_code;
    std::int64_t amount = 0;
  };
  Result<bool> ApplyProviderEvent(const ProviderEvent& event);

  // Releases unpaid card orders past their reservation; safe on several nodes. Returns how many.
  Result<int> SweepExpired();
  // Open low-stock alerts (and the count, refreshed by the sweeper, for the metric).
  Result<std::pair<std::vector<LowStockAlert>, std::int64_t>> Alerts(const std::string& status, int page, int limit);
  std::int64_t open_alerts() const { return open_alerts_.load(); }

  // Adds a listener of order and stock events (called inside the changing transaction). Register
  // before serving; the sink must outlive this service.
  void AddEventSink(OrderEventSink* sink) { sinks_.push_back(sink); }

  const Settings& settings() const { return settings_; }
  CartService& carts() { return carts_; }
  // Tests replace the Stripe gateway's address.
  void SetStripeGateway(std::unique_ptr<PaymentGateway> gateway) { stripe_ = std::move(gateway); }

 private:
  std::string Now() const { return time::ToSql(clock_()); }
  PaymentGateway* GatewayFor(const std::string& method) const;
  std::optional<Order> Load(db::UnitOfWork& uow, std::int64_t order_id, bool details);
  // Status change with history and the customer's email after commit.
  void Transition(db::UnitOfWork& uow, const Order& o, const std::string& to, const std::string& actor_kind,
                  std::optional<std::int64_t> actor, const std::optional<std::string>& note);
  void RecordPayment(db::UnitOfWork& uow, std::int64_t order_id, const std::string& provider, const std::string& kind,
                     const std::string& status, std::int64_t amount, const std::optional<std::string>& reference,
                     const std::string& failure_code = {}, const std::string& failure_message = {});
  // Paid: stock committed, order confirmed.
  void ApplyPaid(db::UnitOfWork& uow, const Order& o, const std::string& provider, const std::optional<std::string>& reference,
                 const std::string& actor_kind, std::optional<std::int64_t> actor);
  // Cancelled: stock back, coupon back, history; `payment_status` set when given.
  void ApplyCancel(db::UnitOfWork& uow, const Order& o, const std::string& actor_kind, std::optional<std::int64_t> actor,
                   const std::string& note, const std::optional<std::string>& payment_status);
  Result<Order> ApplyChargeOutcome(std::int64_t order_id, const std::string& provider, const ChargeOutcome& outcome);
  // Tells every sink; a sink that throws is logged and skipped (the change still commits).
  void Emit(db::UnitOfWork& uow, const OrderEvent& event);
  OrderEvent EventFor(const char* kind, const Order& o) const;

  db::Database& db_;
  const crypto::Cipher& cipher_;
  accounts::profile::Repository addresses_;
  Settings settings_;
  time::SystemClock clock_;
  std::function<void()> stock_changed_;
  CartService carts_;
  std::unique_ptr<PaymentGateway> sandbox_;
  std::unique_ptr<PaymentGateway> stripe_;
  std::atomic<std::int64_t> open_alerts_{0};
  std::vector<OrderEventSink*> sinks_;
};

// The statuses an order may move to from `from` (staff workflow).
std::vector<std::string> AllowedTransitions(const std::string& from);

}  // namespace moderno::orders
