// Order and stock events reach the registered listeners inside the changing transaction: placed,
// paid, each status change with from/to, refunds with their amount, and a low-stock alert once;
// a listener that throws does not fail the order. Both databases.
#include <mutex>

#include "orders/events.hpp"
#include "orders_fixture.hpp"

namespace moderno::testing {
namespace {

struct Seen {
  std::string kind, from, to;
  std::int64_t order_id = 0, amount = 0, product_id = 0;
  bool in_transaction = false;
};

class RecordingSink : public orders::OrderEventSink {
 public:
  void OnOrderEvent(db::UnitOfWork& uow, const orders::OrderEvent& e) override {
    Seen s{e.kind, e.from_status, e.to_status, e.order ? e.order->id : 0, e.amount, e.product_id, false};
    // Inside the transaction the order row is visible with its new state.
    if (e.order) s.in_transaction = uow.QueryOne("SELECT id FROM orders WHERE id = ?", {e.order->id}).has_value();
    std::lock_guard lock(mu);
    seen.push_back(s);
  }
  std::vector<Seen> For(std::int64_t order_id) {
    std::lock_guard lock(mu);
    std::vector<Seen> out;
    for (const auto& s : seen) {
      if (s.order_id == order_id) out.push_back(s);
    }
    return out;
  }
  std::vector<Seen> LowStock(std::int64_t product_id) {
    std::lock_guard lock(mu);
    std::vector<Seen> out;
    for (const auto& s : seen) {
      if (s.kind == orders::kStockLow && s.product_id == product_id) out.push_back(s);
    }
    return out;
  }
  std::mutex mu;
  std::vector<Seen> seen;
};

class ThrowingSink : public orders::OrderEventSink {
 public:
  void OnOrderEvent(db::UnitOfWork&, const orders::OrderEvent&) override { throw std::runtime_error("listener bug"); }
};

class OrderEventsHttpTest : public OrdersTest {
 protected:
  static void SetUpTestSuite() {
    OrdersTest::SetUpTestSuite();
    // Registered before any request of this suite is served.
    store_->app().order_events().Add(&thrower_);
    store_->app().order_events().Add(&sink_);
  }
  static std::string Id(const Reply& order) { return std::to_string(order.body.at("id").as_int64()); }
  static inline RecordingSink sink_;
  static inline ThrowingSink thrower_;
};

TEST_F(OrderEventsHttpTest, PlacedPaidStatusChangesAndRefundReachListeners) {
  const auto p = MakeProduct("EV-1", 10000, {{"W1", 10}});
  auto order = PlaceOrder(customer_, json::array{Line(p, 1)}, "manual", {{"shipping_method", "retiro"}});
  ASSERT_EQ(order.status, 201) << order.raw << " (a throwing listener must not fail the order)";
  const std::int64_t id = order.body.at("id").as_int64();
  ASSERT_EQ(Call("POST", "/api/v1/admin/orders/" + Id(order) + "/mark-paid", "", admin_).status, 200);
  ASSERT_EQ(Call("PUT", "/api/v1/orders/" + Id(order) + "/status", json::object{{"status", "processing"}}, admin_).status, 200);
  ASSERT_EQ(Call("POST", "/api/v1/admin/orders/" + Id(order) + "/refund", json::object{{"amount", 2500}}, admin_).status, 200);

  const auto seen = sink_.For(id);
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(seen[0].kind, orders::kOrderPlaced);
  EXPECT_EQ(seen[1].kind, orders::kOrderPaid);
  EXPECT_EQ(seen[1].amount, 10000);
  EXPECT_EQ(seen[2].kind, orders::kOrderStatusChanged);
  EXPECT_EQ(seen[2].from, "pending");
  EXPECT_EQ(seen[2].to, "confirmed");
  EXPECT_EQ(seen[3].kind, orders::kOrderStatusChanged);
  EXPECT_EQ(seen[3].from, "confirmed");
  EXPECT_EQ(seen[3].to, "processing");
  EXPECT_EQ(seen[4].kind, orders::kOrderRefunded);
  EXPECT_EQ(seen[4].amount, 2500);
  for (const auto& s : seen) EXPECT_TRUE(s.in_transaction) << s.kind;
}

TEST_F(OrderEventsHttpTest, CancellationIsAStatusChange) {
  const auto p = MakeProduct("EV-2", 1000, {{"W1", 10}});
  auto order = PlaceOrder(customer_, json::array{Line(p, 1)});
  ASSERT_EQ(order.status, 201);
  ASSERT_EQ(Call("POST", "/api/v1/orders/" + Id(order) + "/cancel", "", customer_).status, 200);
  const auto seen = sink_.For(order.body.at("id").as_int64());
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].kind, orders::kOrderStatusChanged);
  EXPECT_EQ(seen[1].to, "cancelled");
}

TEST_F(OrderEventsHttpTest, LowStockIsToldOnceWhileTheAlertIsOpen) {
  const auto p = MakeProduct("EV-3", 1000, {{"W1", 5}}, /*reorder_point=*/3);
  ASSERT_EQ(PlaceOrder(customer_, json::array{Line(p, 1)}).status, 201);
  EXPECT_TRUE(sink_.LowStock(p).empty()) << "4 available, above the reorder point";
  ASSERT_EQ(PlaceOrder(customer_, json::array{Line(p, 1)}).status, 201);
  EXPECT_EQ(sink_.LowStock(p).size(), 1u) << "3 available: alert opened";
  ASSERT_EQ(PlaceOrder(customer_, json::array{Line(p, 1)}).status, 201);
  EXPECT_EQ(sink_.LowStock(p).size(), 1u) << "still open: not told again";
  // A rejected order tells nothing.
  const auto before = sink_.seen.size();
  EXPECT_EQ(PlaceOrder(customer_, json::array{Line(p, 50)}).status, 409);
  EXPECT_EQ(sink_.seen.size(), before);
}

}  // namespace
}  // namespace moderno::testing
