// The order workflow over real HTTP on both databases: the customer's orders (and nobody
// else's), the staff state machine with history and emails, manual and cash-on-delivery
// payments, cancellation with stock returned, refunds, and who may do what.
#include "orders_fixture.hpp"

namespace moderno::testing {
namespace {

class WorkflowHttpTest : public OrdersTest {
 protected:
  static std::string Path(const Reply& order, const std::string& suffix = "") {
    return std::to_string(order.body.at("id").as_int64()) + suffix;
  }
  static Reply SetStatus(const Reply& order, const std::string& status, json::object extra = {}, const TestUser* as = admin_) {
    extra["status"] = status;
    return Call("PUT", "/api/v1/orders/" + Path(order, "/status"), extra, as);
  }
};

TEST_F(WorkflowHttpTest, CustomersSeeOnlyTheirOwnOrdersNewestFirst) {
  const auto p = MakeProduct("WF-L1", 1000, {{"W1", 20}});
  auto buyer = store_->CreateUser(http::Role::kCustomer);
  auto first = PlaceOrder(&buyer, json::array{Line(p, 1)});
  auto second = PlaceOrder(&buyer, json::array{Line(p, 2)});
  ASSERT_EQ(second.status, 201);
  auto list = Call("GET", "/api/v1/orders", "", &buyer);
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_EQ(list.body.at("data").as_array().size(), 2u);
  EXPECT_EQ(list.body.at("data").at(0).at("id"), second.body.at("id"));
  EXPECT_EQ(list.body.at("data").at(0).at("item_count").as_int64(), 2);
  EXPECT_EQ(list.body.at("pagination").at("total").as_int64(), 2);
  auto page = Call("GET", "/api/v1/orders?limit=1&page=2", "", &buyer);
  EXPECT_EQ(page.body.at("data").at(0).at("id"), first.body.at("id"));
  EXPECT_EQ(Call("GET", "/api/v1/orders?limit=0", "", &buyer).status, 422);
  // Another customer's order is not found, not forbidden.
  EXPECT_EQ(Call("GET", "/api/v1/orders/" + Path(first), "", other_).status, 404);
  EXPECT_EQ(Call("POST", "/api/v1/orders/" + Path(first, "/cancel"), "", other_).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/orders/abc", "", &buyer).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/orders", "", nullptr).status, 401);
}

TEST_F(WorkflowHttpTest, StaffMoveAManualOrderThroughItsLife) {
  const auto p = MakeProduct("WF-M1", 10000, {{"W1", 10}});
  auto order = PlaceOrder(customer_, json::array{Line(p, 2)});
  ASSERT_EQ(order.status, 201);
  const std::string number(order.body.at("order_number").as_string());
  EXPECT_EQ(Stock(p, "W1").reserved, 2);

  // Illegal jumps name the allowed transitions.
  auto jump = SetStatus(order, "shipped");
  ASSERT_EQ(jump.status, 409) << jump.raw;
  EXPECT_EQ(ProblemType(jump), "illegal_transition");
  EXPECT_EQ(jump.body.at("allowed"), (json::array{"confirmed", "cancelled"}));
  EXPECT_EQ(SetStatus(order, "flying").status, 422);

  auto paid = Call("POST", "/api/v1/admin/orders/" + Path(order, "/mark-paid"), json::object{{"reference", "TRX-991"}}, admin_);
  ASSERT_EQ(paid.status, 200) << paid.raw;
  EXPECT_EQ(paid.body.at("payment_status").as_string(), "paid");
  EXPECT_EQ(paid.body.at("status").as_string(), "confirmed");
  EXPECT_EQ(Stock(p, "W1").quantity, 8) << "payment takes the units for good";
  EXPECT_EQ(Stock(p, "W1").reserved, 0);
  EXPECT_EQ(Call("POST", "/api/v1/admin/orders/" + Path(order, "/mark-paid"), "", admin_).status, 409) << "once";

  ASSERT_EQ(SetStatus(order, "processing").status, 200);
  auto shipped = SetStatus(order, "shipped", {{"tracking_number", "CHX123456"}, {"note", "Chilexpress"}});
  ASSERT_EQ(shipped.status, 200) << shipped.raw;
  EXPECT_EQ(shipped.body.at("tracking_number").as_string(), "CHX123456");
  EXPECT_FALSE(shipped.body.at("shipped_at").is_null());
  // The customer cannot cancel a shipped order.
  auto late = Call("POST", "/api/v1/orders/" + Path(order, "/cancel"), "", customer_);
  EXPECT_EQ(late.status, 409) << late.raw;
  auto delivered = SetStatus(order, "delivered");
  ASSERT_EQ(delivered.status, 200);
  EXPECT_FALSE(delivered.body.at("delivered_at").is_null());
  EXPECT_EQ(delivered.body.at("allowed_transitions").as_array().size(), 0u);

  // The history, as the customer sees it.
  auto mine = Call("GET", "/api/v1/orders/" + Path(order), "", customer_);
  std::vector<std::string> steps;
  for (const auto& h : mine.body.at("status_history").as_array()) steps.emplace_back(h.at("to").as_string());
  EXPECT_EQ(steps, (std::vector<std::string>{"pending", "confirmed", "processing", "shipped", "delivered"}));
  EXPECT_EQ(mine.body.at("status_history").at(3).at("by").as_string(), "staff");
  EXPECT_FALSE(mine.body.contains("allowed_transitions")) << "staff-only field";
  // The customer was mailed at each step that matters to them (email jobs, run here).
  EXPECT_EQ(MailsContaining(number), 4) << "placed, payment received, shipped, delivered";
  EXPECT_GE(MailsContaining("CHX123456"), 1);
  // Audited.
  // mark-paid, processing, shipped, delivered (the confirmation by payment is not a staff act).
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'order' AND entity_id = ?", {Path(order)}), 4);
  EXPECT_EQ(Scalar("SELECT sales_count FROM products WHERE id = ?", {p}), 2);
}

TEST_F(WorkflowHttpTest, CancellingReturnsStockAndRefundsWhatWasPaid) {
  const auto p = MakeProduct("WF-C1", 5000, {{"W1", 10}});
  // Pending: the reservation is released.
  auto pending = PlaceOrder(customer_, json::array{Line(p, 3)});
  auto cancelled = Call("POST", "/api/v1/orders/" + Path(pending, "/cancel"), "", customer_);
  ASSERT_EQ(cancelled.status, 200) << cancelled.raw;
  EXPECT_EQ(cancelled.body.at("status").as_string(), "cancelled");
  EXPECT_EQ(Stock(p, "W1").reserved, 0);
  EXPECT_EQ(Stock(p, "W1").quantity, 10);
  EXPECT_EQ(Call("POST", "/api/v1/orders/" + Path(pending, "/cancel"), "", customer_).status, 409) << "once";
  // Paid by card: the units come back to the shelf and the money back to the customer.
  auto paid = PlaceOrder(customer_, json::array{Line(p, 2)}, "sandbox");
  ASSERT_EQ(paid.body.at("payment_status").as_string(), "paid");
  EXPECT_EQ(Stock(p, "W1").quantity, 8);
  auto refunded = Call("POST", "/api/v1/orders/" + Path(paid, "/cancel"), "", customer_);
  ASSERT_EQ(refunded.status, 200) << refunded.raw;
  EXPECT_EQ(refunded.body.at("payment_status").as_string(), "refunded");
  EXPECT_EQ(refunded.body.at("refunded_amount").as_int64(), refunded.body.at("total_amount").as_int64());
  EXPECT_EQ(Stock(p, "W1").quantity, 10);
  EXPECT_EQ(Stock(p, "W1").reserved, 0);
}

TEST_F(WorkflowHttpTest, RefundsArePartialOrFull) {
  const auto p = MakeProduct("WF-R1", 10000, {{"W1", 10}});
  auto order = PlaceOrder(customer_, json::array{Line(p, 1)}, "sandbox", {{"shipping_method", "retiro"}});
  ASSERT_EQ(order.body.at("total_amount").as_int64(), 10000);
  auto bad = Call("POST", "/api/v1/admin/orders/" + Path(order, "/refund"), json::object{{"amount", 20000}}, admin_);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(NamesField(bad, "amount")) << bad.raw;
  auto part = Call("POST", "/api/v1/admin/orders/" + Path(order, "/refund"), json::object{{"amount", 3000}, {"reason", "Caja dañada"}}, admin_);
  ASSERT_EQ(part.status, 200) << part.raw;
  EXPECT_EQ(part.body.at("payment_status").as_string(), "partially_refunded");
  EXPECT_EQ(part.body.at("status").as_string(), "confirmed");
  auto rest = Call("POST", "/api/v1/admin/orders/" + Path(order, "/refund"), "", admin_);
  ASSERT_EQ(rest.status, 200) << rest.raw;
  EXPECT_EQ(rest.body.at("payment_status").as_string(), "refunded");
  EXPECT_EQ(rest.body.at("status").as_string(), "refunded");
  EXPECT_EQ(rest.body.at("refunded_amount").as_int64(), 10000);
  EXPECT_EQ(Stock(p, "W1").quantity, 10) << "not shipped: back on the shelf";
  EXPECT_EQ(Call("POST", "/api/v1/admin/orders/" + Path(order, "/refund"), "", admin_).status, 409);
  auto unpaid = PlaceOrder(customer_, json::array{Line(p, 1)});
  EXPECT_EQ(Call("POST", "/api/v1/admin/orders/" + Path(unpaid, "/refund"), "", admin_).status, 409);
}

TEST_F(WorkflowHttpTest, PaymentCallsWithAnIdempotencyKeyHappenOnce) {
  const auto p = MakeProduct("WF-IDEM", 10000, {{"W1", 10}});
  auto order = PlaceOrder(customer_, json::array{Line(p, 1)}, "sandbox", {{"shipping_method", "retiro"}});
  const std::string refund = "/api/v1/admin/orders/" + Path(order, "/refund");
  const std::string body = json::serialize(json::object{{"amount", 1000}});
  auto first = Call("POST", refund, body, admin_, {{"Idempotency-Key", "refund-once"}});
  ASSERT_EQ(first.status, 200) << first.raw;
  auto again = Call("POST", refund, body, admin_, {{"Idempotency-Key", "refund-once"}});
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.http.Header("idempotent-replayed"), "true");
  EXPECT_EQ(again.body.at("refunded_amount").as_int64(), 1000) << "refunded once";
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM payments WHERE order_id = ? AND kind = 'refund'", {order.body.at("id").as_int64()}), 1);
  auto other = Call("POST", refund, json::serialize(json::object{{"amount", 2000}}), admin_, {{"Idempotency-Key", "refund-once"}});
  EXPECT_EQ(other.status, 422);
  EXPECT_TRUE(NamesField(other, "Idempotency-Key", "reused")) << other.raw;
  // A refused call frees its key.
  auto unpaid = PlaceOrder(customer_, json::array{Line(p, 1)});
  const std::string paid_path = "/api/v1/admin/orders/" + Path(unpaid, "/mark-paid");
  EXPECT_EQ(Call("POST", "/api/v1/admin/orders/" + Path(unpaid, "/refund"), "", admin_, {{"Idempotency-Key", "k-free"}}).status, 409);
  EXPECT_EQ(Call("POST", paid_path, "", admin_, {{"Idempotency-Key", "k-paid"}}).status, 200);
  auto replay = Call("POST", paid_path, "", admin_, {{"Idempotency-Key", "k-paid"}});
  EXPECT_EQ(replay.status, 200) << "the first success again, not 409 already settled";
  EXPECT_EQ(replay.http.Header("idempotent-replayed"), "true");
}

TEST_F(WorkflowHttpTest, CashOnDeliveryIsConfirmedAtOnceAndPaidOnDelivery) {
  const auto p = MakeProduct("WF-COD1", 3000, {{"W1", 5}});
  auto order = PlaceOrder(customer_, json::array{Line(p, 2)}, "cod");
  ASSERT_EQ(order.status, 201) << order.raw;
  EXPECT_EQ(order.body.at("status").as_string(), "confirmed");
  EXPECT_EQ(order.body.at("payment_status").as_string(), "pending");
  EXPECT_EQ(Stock(p, "W1").reserved, 2);
  ASSERT_EQ(SetStatus(order, "processing").status, 200);
  ASSERT_EQ(SetStatus(order, "shipped").status, 200);
  EXPECT_EQ(Stock(p, "W1").quantity, 3) << "shipping takes the units";
  EXPECT_EQ(Stock(p, "W1").reserved, 0);
  auto delivered = SetStatus(order, "delivered");
  EXPECT_EQ(delivered.body.at("payment_status").as_string(), "paid");
}

TEST_F(WorkflowHttpTest, StaffListFiltersAndRoles) {
  const auto p = MakeProduct("WF-A1", 1000, {{"W1", 10}});
  auto buyer = store_->CreateUser(http::Role::kCustomer);
  auto a = PlaceOrder(&buyer, json::array{Line(p, 1)});
  auto b = PlaceOrder(&buyer, json::array{Line(p, 1)}, "sandbox");
  auto list = Call("GET", "/api/v1/admin/orders?customer=" + std::to_string(buyer.id), "", manager_);
  ASSERT_EQ(list.status, 200) << list.raw;
  EXPECT_EQ(list.body.at("pagination").at("total").as_int64(), 2);
  EXPECT_EQ(list.body.at("data").at(0).at("customer_email").as_string(), buyer.email);
  auto paid = Call("GET", "/api/v1/admin/orders?payment_status=paid&customer=" + std::to_string(buyer.id), "", admin_);
  EXPECT_EQ(paid.body.at("pagination").at("total").as_int64(), 1);
  auto by_number = Call("GET", "/api/v1/admin/orders?q=" + std::string(a.body.at("order_number").as_string()), "", admin_);
  EXPECT_EQ(by_number.body.at("pagination").at("total").as_int64(), 1);
  auto by_email = Call("GET", "/api/v1/admin/orders?q=" + buyer.email, "", admin_);
  EXPECT_EQ(by_email.body.at("pagination").at("total").as_int64(), 2);
  auto dated = Call("GET", "/api/v1/admin/orders?from=2000-01-01&to=2000-01-02", "", admin_);
  EXPECT_EQ(dated.body.at("pagination").at("total").as_int64(), 0);
  auto bad = Call("GET", "/api/v1/admin/orders?status=lost&from=ayer&customer=x", "", admin_);
  EXPECT_EQ(bad.status, 422);
  for (const char* f : {"status", "from", "customer"}) EXPECT_TRUE(NamesField(bad, f)) << f << bad.raw;
  auto detail = Call("GET", "/api/v1/admin/orders/" + Path(b), "", manager_);
  ASSERT_EQ(detail.status, 200);
  EXPECT_EQ(detail.body.at("allowed_transitions"), (json::array{"processing", "cancelled"}));
  // Managers read; admins act; customers neither.
  EXPECT_EQ(SetStatus(a, "confirmed", {}, manager_).status, 403);
  EXPECT_EQ(Call("POST", "/api/v1/admin/orders/" + Path(a, "/mark-paid"), "", manager_).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/admin/orders", "", customer_).status, 403);
  EXPECT_EQ(SetStatus(a, "confirmed", {}, customer_).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/admin/orders", "", nullptr).status, 401);
}

TEST_F(WorkflowHttpTest, ExportShowsOrdersAndErasureRemovesTheirAddresses) {
  const auto p = MakeProduct("WF-GDPR", 1000, {{"W1", 5}});
  auto user = store_->CreateUser(http::Role::kCustomer);
  auto order = PlaceOrder(&user, json::array{Line(p, 1)}, "manual", {{"notes", "Dejar con conserje"}});
  ASSERT_EQ(order.status, 201);
  auto exported = Call("GET", "/api/v1/me/export", "", &user);
  ASSERT_EQ(exported.status, 200);
  const auto& first = exported.body.at("orders").at(0);
  EXPECT_EQ(first.at("order_number"), order.body.at("order_number"));
  EXPECT_EQ(first.at("shipping_address").at("street").as_string(), "Av. Providencia");
  EXPECT_EQ(first.at("items").at(0).at("sku").as_string(), "WF-GDPR");

  ASSERT_EQ(Call("DELETE", "/api/v1/me", json::object{{"password", user.password}}, &user).status, 204);
  auto stored = store_->app().db().Read([&](db::UnitOfWork& uow) -> Result<db::Row> {
    return *uow.QueryOne("SELECT shipping_address, notes, total_amount FROM orders WHERE id = ?", {order.body.at("id").as_int64()});
  });
  ASSERT_TRUE(stored);
  EXPECT_EQ(store_->app().cipher().Decrypt(stored->Str(0)).value_or(""), R"({"erased":true})");
  EXPECT_TRUE(stored->IsNull(1));
  EXPECT_EQ(stored->Int(2), order.body.at("total_amount").as_int64()) << "the order itself is kept";
}

}  // namespace
}  // namespace moderno::testing
