#pragma once
// What the orders domain works with: carts, priced lines, orders with their items, history and
// payments, shipping methods, and the settings that price them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace moderno::orders {

// How orders are priced and paid (from config::Config).
struct Settings {
  std::string currency = "CLP";
  int tax_rate_percent = 19;
  bool prices_include_tax = true;
  int reservation_ttl_minutes = 15;
  bool sandbox = true;               // test-mode card payments
  bool stripe = false;               // STRIPE_SECRET_KEY set
  std::string stripe_webhook_secret;
};

// A product or one of its variants, as the catalog sells it now.
struct Sellable {
  std::int64_t product_id = 0;
  std::optional<std::int64_t> variant_id;
  std::string name;          // product name
  std::string slug;
  std::string sku;           // the variant's SKU when there is one
  std::optional<std::string> variant_name;
  std::int64_t category_id = 0;
  std::int64_t unit_price = 0;
  std::optional<std::string> image_url;
  bool active = false;       // product active, not deleted, and variant active
  bool has_variants = false;
  std::int64_t available = 0;  // sum over active warehouses of quantity - reserved
};

// A line of a cart with what the customer sees about it.
struct CartLine {
  std::int64_t id = 0;
  Sellable item;
  std::int64_t quantity = 0;
  std::int64_t price_when_added = 0;
  std::int64_t line_total = 0;
  std::vector<std::pair<std::string, std::string>> warnings;  // code, message
};

// Money of an order or a cart.
struct Totals {
  std::int64_t subtotal = 0;
  std::int64_t discount_amount = 0;
  std::int64_t shipping_amount = 0;
  std::int64_t tax_amount = 0;
  std::int64_t total_amount = 0;
};

struct CouponView {
  std::string code;
  std::string type;
  std::int64_t value = 0;
  std::int64_t discount = 0;
  bool free_shipping = false;
};

struct ShippingQuote {
  std::string code;
  std::string name;
  std::optional<std::string> description;
  int min_days = 0;
  int max_days = 0;
  std::int64_t price = 0;                 // for the region (before free-shipping rules)
  std::optional<std::int64_t> free_over;
  bool is_pickup = false;                 // store pickup: chosen only when asked for
  std::vector<std::pair<std::string, std::int64_t>> region_prices;  // when no region asked
};

struct Cart {
  std::int64_t id = 0;                  // 0: no cart stored yet
  std::optional<std::string> guest_token;
  std::vector<CartLine> lines;
  std::optional<CouponView> coupon;
  std::optional<std::pair<std::string, std::string>> coupon_problem;  // code, message
  std::optional<ShippingQuote> shipping;  // the cheapest method, as an estimate
  Totals totals;
  std::string currency;
};

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
  std::string actor_kind;
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
};

struct Order {
  std::int64_t id = 0;
  std::string order_number;
  std::int64_t user_id = 0;
  std::string status;
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
  std::optional<std::string> customer_email;  // staff views
};

}  // namespace moderno::orders
