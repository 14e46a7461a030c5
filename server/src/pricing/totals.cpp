#include "pricing/totals.hpp"

#include <algorithm>

namespace moderno::pricing {

namespace {
// a * b / c rounded half up, for non-negative values.
std::int64_t MulDivRound(std::int64_t a, std::int64_t b, std::int64_t c) { return (a * b + c / 2) / c; }
}  // namespace

Totals ComputeTotals(std::int64_t subtotal, std::int64_t discount, std::int64_t shipping,
                     int tax_rate_percent, bool prices_include_tax) {
  Totals t;
  t.subtotal = subtotal;
  t.discount_amount = std::clamp<std::int64_t>(discount, 0, subtotal);
  t.shipping_amount = std::max<std::int64_t>(shipping, 0);
  const std::int64_t base = t.subtotal - t.discount_amount + t.shipping_amount;
  if (prices_include_tax) {
    t.total_amount = base;
    t.tax_amount = MulDivRound(base, tax_rate_percent, 100 + tax_rate_percent);
  } else {
    t.tax_amount = MulDivRound(base, tax_rate_percent, 100);
    t.total_amount = base + t.tax_amount;
  }
  return t;
}

std::int64_t ShippingFor(const ShippingQuote& method, std::int64_t discounted_subtotal, bool free_by_coupon) {
  if (free_by_coupon) return 0;
  if (method.free_over && discounted_subtotal >= *method.free_over) return 0;
  return method.price;
}

}  // namespace moderno::pricing
