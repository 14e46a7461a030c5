#pragma once
// What the cart domain works with: whose cart a request means, its lines as the customer sees
// them (current prices, stock warnings) and its estimated totals.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/sellables.hpp"
#include "pricing/model.hpp"

namespace moderno::cart {

inline constexpr std::int64_t kMaxLineQuantity = 100;
inline constexpr std::size_t kMaxCartLines = 50;

// Whose cart a request means.
struct CartOwner {
  std::optional<std::int64_t> user_id;
  std::optional<std::string> guest_token;  // as sent (cookie or X-Cart-Token), validated
};

// A line of a cart with what the customer sees about it.
struct CartLine {
  std::int64_t id = 0;
  catalog::Sellable item;
  std::int64_t quantity = 0;
  std::int64_t price_when_added = 0;
  std::int64_t line_total = 0;
  std::vector<std::pair<std::string, std::string>> warnings;  // code, message
};

struct CouponView {
  std::string code;
  std::string type;
  std::int64_t value = 0;
  std::int64_t discount = 0;
  bool free_shipping = false;
};

struct Cart {
  std::int64_t id = 0;                  // 0: no cart stored yet
  std::optional<std::string> guest_token;
  std::vector<CartLine> lines;
  std::optional<std::string> coupon_code;  // as stored, valid or not
  std::optional<CouponView> coupon;
  std::optional<std::pair<std::string, std::string>> coupon_problem;  // code, message
  std::optional<pricing::ShippingQuote> shipping;  // the cheapest method, as an estimate
  pricing::Totals totals;
  std::string currency;
};

}  // namespace moderno::cart
