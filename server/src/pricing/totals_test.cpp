#include "pricing/totals.hpp"

#include <gtest/gtest.h>

namespace moderno::pricing {
namespace {

TEST(OrderPricing, InclusiveIvaIsThePartOfTheTotal) {
  // $11.900 with IVA 19% included: $1.900 of it is tax.
  const Totals t = ComputeTotals(11900, 0, 0, 19, true);
  EXPECT_EQ(t.total_amount, 11900);
  EXPECT_EQ(t.tax_amount, 1900);
}

TEST(OrderPricing, DiscountAndShippingEnterTheTaxBase) {
  const Totals t = ComputeTotals(20000, 2000, 3990, 19, true);
  EXPECT_EQ(t.total_amount, 21990);
  EXPECT_EQ(t.tax_amount, 3511);  // 21990 * 19 / 119 = 3511.0...
  EXPECT_EQ(t.discount_amount, 2000);
  EXPECT_EQ(t.shipping_amount, 3990);
}

TEST(OrderPricing, ExclusiveTaxIsAddedOnTop) {
  const Totals t = ComputeTotals(10000, 0, 0, 19, false);
  EXPECT_EQ(t.tax_amount, 1900);
  EXPECT_EQ(t.total_amount, 11900);
}

TEST(OrderPricing, DiscountNeverExceedsTheSubtotal) {
  const Totals t = ComputeTotals(5000, 9000, 1000, 19, true);
  EXPECT_EQ(t.discount_amount, 5000);
  EXPECT_EQ(t.total_amount, 1000);
}

TEST(OrderPricing, RoundsHalfUp) {
  EXPECT_EQ(ComputeTotals(1, 0, 0, 19, false).tax_amount, 0);   // 0.19
  EXPECT_EQ(ComputeTotals(3, 0, 0, 19, false).tax_amount, 1);   // 0.57
  EXPECT_EQ(ComputeTotals(119, 0, 0, 19, true).tax_amount, 19);
}

TEST(OrderPricing, FreeShippingOverAThresholdOrByCoupon) {
  ShippingQuote standard;
  standard.price = 3990;
  standard.free_over = 50000;
  EXPECT_EQ(ShippingFor(standard, 49999, false), 3990);
  EXPECT_EQ(ShippingFor(standard, 50000, false), 0);
  EXPECT_EQ(ShippingFor(standard, 100, true), 0);
  ShippingQuote express;
  express.price = 6990;
  EXPECT_EQ(ShippingFor(express, 1'000'000, false), 6990);
}

}  // namespace
}  // namespace moderno::pricing
