#pragma once
// What pricing works with: the money of a cart or an order, shipping methods and their price
// per region, and the shop's price settings. Published: cart, orders and workflows use it.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace moderno::pricing {

// How the shop prices (from config::Config).
struct Settings {
  std::string currency = "CLP";
  int tax_rate_percent = 19;
  bool prices_include_tax = true;
};

// Money of an order or a cart, in minor units.
struct Totals {
  std::int64_t subtotal = 0;
  std::int64_t discount_amount = 0;
  std::int64_t shipping_amount = 0;
  std::int64_t tax_amount = 0;
  std::int64_t total_amount = 0;
};

// A shipping method as offered for a region.
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

}  // namespace moderno::pricing
