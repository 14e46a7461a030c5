// Many buyers at once over real HTTP, on both databases: stock is never oversold, and a
// coupon's last use cannot be taken twice.
#include <atomic>
#include <thread>

#include "orders_fixture.hpp"

namespace moderno::testing {
namespace {

class ConcurrencyHttpTest : public OrdersTest {
 protected:
  static std::vector<TestUser> Buyers(int n) {
    std::vector<TestUser> users;
    for (int i = 0; i < n; ++i) users.push_back(store_->CreateUser(http::Role::kCustomer));
    return users;
  }
};

TEST_F(ConcurrencyHttpTest, SixtyFourBuyersOnFiveSkusNeverOversell) {
  constexpr int kBuyers = 64;
  constexpr int kSkus = 5;
  constexpr std::int64_t kStock = 10;  // per SKU: 6 in W1 and 4 in W2
  std::vector<std::int64_t> products;
  for (int s = 0; s < kSkus; ++s) products.push_back(MakeProduct("HOT-" + std::to_string(s), 9990, {{"W1", 6}, {"W2", 4}}));
  const auto users = Buyers(16);
  std::atomic<int> created{0}, conflicts{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kBuyers; ++i) {
    threads.emplace_back([&, i] {
      // Half pay by card at once (stock committed), half by transfer (stock reserved).
      auto r = PlaceOrder(&users[i % users.size()], json::array{Line(products[i % kSkus], 1)}, i % 2 ? "manual" : "sandbox");
      if (r.status == 201) ++created;
      else if (r.status == 409 && ProblemType(r) == "insufficient_stock") ++conflicts;
      else ++other;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), kSkus * kStock);
  EXPECT_EQ(conflicts.load(), kBuyers - kSkus * kStock);
  EXPECT_EQ(other.load(), 0);
  for (std::int64_t p : products) {
    std::int64_t available = 0;
    for (const char* w : {"W1", "W2"}) {
      const StockRow s = Stock(p, w);
      EXPECT_GE(s.reserved, 0);
      EXPECT_LE(s.reserved, s.quantity);
      available += s.quantity - s.reserved;
    }
    const std::int64_t sold = Scalar(
        "SELECT COALESCE(SUM(oi.quantity), 0) FROM order_items oi JOIN orders o ON o.id = oi.order_id "
        "WHERE oi.product_id = ? AND o.status <> 'cancelled'",
        {p});
    EXPECT_EQ(sold, kStock);
    EXPECT_EQ(kStock, available + sold) << "initial = remaining + sold";
    // Reservation rows account for every unit sold.
    EXPECT_EQ(Scalar("SELECT COALESCE(SUM(r.quantity), 0) FROM stock_reservations r JOIN inventory i ON i.id = r.inventory_id "
                     "WHERE i.product_id = ? AND r.state <> 'released'",
                     {p}),
              sold);
  }
}

TEST_F(ConcurrencyHttpTest, ACouponsLastUseIsTakenOnce) {
  const auto p = MakeProduct("HOT-CPN", 20000, {{"W1", 100}});
  Exec("INSERT INTO coupons (code, type, value, min_subtotal, usage_limit, is_active) VALUES ('ULTIMOS5', 'percentage', 10, 0, 5, 1)");
  const auto users = Buyers(16);
  std::atomic<int> created{0}, refused{0};
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < users.size(); ++i) {
    threads.emplace_back([&, i] {
      auto r = PlaceOrder(&users[i], json::array{Line(p, 1)}, "manual", {{"coupon_code", "ultimos5"}});
      if (r.status == 201) {
        ++created;
        EXPECT_EQ(r.body.at("discount_amount").as_int64(), 2000) << r.raw;
      } else if (r.status == 422 && NamesField(r, "coupon_code")) {
        ++refused;
      } else {
        ADD_FAILURE() << r.status << " " << r.raw;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), 5);
  EXPECT_EQ(refused.load(), 11);
  EXPECT_EQ(Scalar("SELECT times_used FROM coupons WHERE code = 'ULTIMOS5'"), 5);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM coupon_redemptions r JOIN coupons c ON c.id = r.coupon_id WHERE c.code = 'ULTIMOS5'"), 5);
  EXPECT_EQ(Stock(p, "W1").reserved, 5) << "refused orders reserved nothing";
}

}  // namespace
}  // namespace moderno::testing
