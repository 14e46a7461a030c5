#pragma once
// Totals of a cart or an order: integer pesos, IVA inclusive or added on top.
#include <cstdint>

#include "pricing/model.hpp"

namespace moderno::pricing {

// subtotal - discount + shipping, and the tax in it (inclusive) or on it (exclusive).
// Inclusive: tax = round(total * rate / (100 + rate)). Exclusive: tax = round(base * rate / 100).
Totals ComputeTotals(std::int64_t subtotal, std::int64_t discount, std::int64_t shipping,
                     int tax_rate_percent, bool prices_include_tax);

// Shipping for a subtotal (after discounts): free at or above `free_over`, or by coupon.
std::int64_t ShippingFor(const ShippingQuote& method, std::int64_t discounted_subtotal, bool free_by_coupon);

}  // namespace moderno::pricing
