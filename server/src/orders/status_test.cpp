#include "orders/status.hpp"

#include <gtest/gtest.h>

namespace moderno::orders {
namespace {

TEST(OrderStatus, NamesRoundTrip) {
  for (auto s : {OrderStatus::kPending, OrderStatus::kConfirmed, OrderStatus::kProcessing, OrderStatus::kShipped,
                 OrderStatus::kDelivered, OrderStatus::kCancelled, OrderStatus::kRefunded}) {
    EXPECT_EQ(ParseStatus(Name(s)), s);
  }
  EXPECT_EQ(ParseStatus("shipping"), std::nullopt);
  EXPECT_EQ(ParseStatus(""), std::nullopt);
}

TEST(OrderStatus, ShippedOrdersCanOnlyBeDelivered) {
  EXPECT_TRUE(CanTransition(OrderStatus::kShipped, OrderStatus::kDelivered));
  EXPECT_FALSE(CanTransition(OrderStatus::kShipped, OrderStatus::kCancelled));
  EXPECT_TRUE(CanTransition(OrderStatus::kPending, OrderStatus::kCancelled));
  EXPECT_TRUE(AllowedTransitions(OrderStatus::kDelivered).empty());
  EXPECT_TRUE(AllowedTransitions(OrderStatus::kRefunded).empty());
}

}  // namespace
}  // namespace moderno::orders
