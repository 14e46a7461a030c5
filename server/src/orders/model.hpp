#pragma once
// What the orders domain works with: orders with their items, status history and payments, and
// the status machine's states. Published: listeners of order events read these types.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pricing/model.hpp"

namespace moderno::orders {

// Money of an order: the pricing domain's totals.
using Totals = pricing::Totals;

// Where an order is in its life (stored and sent as the lower-case name).
enum class OrderStatus { kPending, kConfirmed, kProcessing, kShipped, kDelivered, kCancelled, kRefunded };

// The stored name of a status ("pending", ...).
std::string_view Name(OrderStatus s);
// The status for a stored name; nullopt when it names none.
std::optional<OrderStatus> ParseStatus(std::string_view name);

// Payment statuses of an order (stored and sent as these names).
inline constexpr std::string_view kPaymentPending = "pending";
inline constexpr std::string_view kPaymentPaid = "paid";
inline constexpr std::string_view kPaymentFailed = "failed";
inline constexpr std::string_view kPaymentRefunded = "refunded";
inline constexpr std::string_view kPaymentPartiallyRefunded = "partially_refunded";

struct OrderItem {
  std::int64_t id = 0;
  std::int64_t product_id = 0;
  std::optional<std::int64_t> variant_id;
  std::string sku;
  std::string name;
  std::optional<std::string> variant_name;
  std::optional<std::string> image_url;
  std::int64_t unit_price = 0;
  std::int64_t quantity = 0;
  std::int64_t discount_amount = 0;
  std::int64_t line_total = 0;
};

struct StatusChange {
  std::optional<std::string> from;
  std::string to;
  std::string actor_kind;  // customer, staff, payment, system
  std::optional<std::int64_t> actor_user_id;
  std::optional<std::string> note;
  std::string created_at;
};

struct Payment {
  std::int64_t id = 0;
  std::string provider;
  std::string kind;
  std::string status;
  std::int64_t amount = 0;
  std::optional<std::string> reference;
  std::optional<std::string> failure_code;
  std::string created_at;
  // What the provider answered (card payments by redirect): authorization code, the card's last
  // four digits, payment type (Webpay: VD debit, VN credit, VC/SI/S2/NC installments, VP prepaid),
  // installments, and the provider's own status word (AUTHORIZED, REVERSED, NULLIFIED, ...).
  std::optional<std::string> authorization_code, card_last4, payment_type;
  std::optional<std::int64_t> installments;
  std::optional<std::string> provider_status, failure_message;
};

// Where the customer's browser goes next to pay on the provider's page: a form `method` to
// `url` with `fields` (Webpay: POST token_ws).
struct RedirectAction {
  std::string url, method;
  std::vector<std::pair<std::string, std::string>> fields;
};

struct Order {
  std::int64_t id = 0;
  std::string order_number;
  std::int64_t user_id = 0;
  OrderStatus status = OrderStatus::kPending;
  std::string payment_status;
  std::string payment_method;
  std::optional<std::string> payment_reference;
  std::string currency;
  Totals totals;
  std::int64_t refunded_amount = 0;
  std::optional<std::string> coupon_code;
  std::string shipping_method;
  std::string shipping_region;
  std::string shipping_address_json;  // decrypted JSON object text
  std::optional<std::string> billing_address_json;
  std::optional<std::string> notes;
  std::optional<std::string> tracking_number;
  std::optional<std::string> reserved_until;
  std::string created_at, updated_at;
  std::optional<std::string> paid_at, shipped_at, delivered_at, cancelled_at;
  std::vector<OrderItem> items;
  std::vector<StatusChange> history;
  std::vector<Payment> payments;
  // For card payments that need the customer's browser (3-D Secure): Stripe's client secret.
  std::optional<std::string> next_action_client_secret;
  // For card payments on the provider's page: where to send the browser.
  std::optional<RedirectAction> next_action_redirect;
  std::optional<std::string> customer_email;  // staff views

  bool Is(OrderStatus s) const { return status == s; }
  // Paid, in part refunded or not: money came in.
  bool MoneyIn() const { return payment_status == kPaymentPaid || payment_status == kPaymentPartiallyRefunded; }
  // The goods left the warehouse.
  bool GoodsLeft() const { return status == OrderStatus::kShipped || status == OrderStatus::kDelivered; }
};

// Filters of the staff order list.
struct OrderFilter {
  std::optional<OrderStatus> status;
  std::optional<std::string> payment_status, from, to, q;
  std::optional<std::int64_t> customer;
  int page = 1, limit = 20;
};

struct OrderPage {
  std::vector<Order> orders;              // without items, history or payments
  std::vector<std::int64_t> item_counts;  // units in each order, same order
  std::int64_t total = 0;
};

}  // namespace moderno::orders
