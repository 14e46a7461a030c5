// The business figures on /metrics move with real actions over HTTP, on both databases:
// orders and amounts by status and payment method, revenue, payment failures, sign-ups and
// failed sign-ins, and the gauges the periodic task refreshes (job backlog and dead jobs,
// checkout conversion, low-stock SKUs, active users, cache hit ratio).
#include <sstream>

#include "orders_fixture.hpp"

namespace moderno::testing {
namespace {

class BusinessMetricsHttpTest : public OrdersTest {
 protected:
  static double Sample(const std::string& series) { return MetricSample(series); }
  static std::string Orders(const std::string& status, const std::string& method) {
    return "orders_total{status=\"" + status + "\",payment_method=\"" + method + "\"}";
  }
  static std::string Amount(const std::string& status, const std::string& method) {
    return "orders_amount_total{status=\"" + status + "\",payment_method=\"" + method + "\"}";
  }
  static double Refreshed(const std::string& series) {
    EXPECT_TRUE(store_->app().RefreshMetrics());
    return Sample(series);
  }
};

TEST_F(BusinessMetricsHttpTest, EveryFamilyIsListedBeforeAnythingHappens) {
  for (const char* series : {"orders_total{status=\"delivered\",payment_method=\"cod\"}",
                             "orders_revenue_total{payment_method=\"sandbox\"}", "payment_failures_total{payment_method=\"other\"}",
                             "user_registrations_total", "auth_login_failures_total", "jobs_backlog", "jobs_dead",
                             "search_index_lag_changes", "checkout_conversion_ratio", "users_active_5m",
                             "inventory_low_stock", "cache_hit_ratio"}) {
    EXPECT_GE(Sample(series), 0) << series;
  }
  // Unknown methods fold into "other": the label set stays small.
  EXPECT_EQ(Sample("orders_total{status=\"pending\",payment_method=\"bitcoin\"}"), -1);
}

TEST_F(BusinessMetricsHttpTest, OrdersRevenueAndPaymentFailuresFollowCheckout) {
  const auto p = MakeProduct("BM-O1", 10000, {{"W1", 50}});
  const double manual_pending = Sample(Orders("pending", "manual"));
  const double manual_amount = Sample(Amount("pending", "manual"));
  const double sandbox_pending = Sample(Orders("pending", "sandbox"));
  const double sandbox_confirmed = Sample(Orders("confirmed", "sandbox"));
  const double sandbox_cancelled = Sample(Orders("cancelled", "sandbox"));
  const double revenue = Sample("orders_revenue_total{payment_method=\"sandbox\"}");
  const double failures = Sample("payment_failures_total{payment_method=\"sandbox\"}");

  auto manual = PlaceOrder(customer_, json::array{Line(p, 1)});
  ASSERT_EQ(manual.status, 201) << manual.raw;
  EXPECT_EQ(Sample(Orders("pending", "manual")), manual_pending + 1);
  EXPECT_EQ(Sample(Amount("pending", "manual")), manual_amount + static_cast<double>(manual.body.at("total_amount").as_int64()));

  auto paid = PlaceOrder(customer_, json::array{Line(p, 2)}, "sandbox");
  ASSERT_EQ(paid.status, 201) << paid.raw;
  ASSERT_EQ(paid.body.at("status").as_string(), "confirmed");
  EXPECT_EQ(Sample(Orders("pending", "sandbox")), sandbox_pending + 1);
  EXPECT_EQ(Sample(Orders("confirmed", "sandbox")), sandbox_confirmed + 1);
  EXPECT_EQ(Sample("orders_revenue_total{payment_method=\"sandbox\"}"),
            revenue + static_cast<double>(paid.body.at("total_amount").as_int64()));
  EXPECT_EQ(Sample("payment_failures_total{payment_method=\"sandbox\"}"), failures) << "a paid order is no failure";

  auto declined = PlaceOrder(customer_, json::array{Line(p, 1)}, "sandbox", {{"payment_token", "tok_chargeDeclined"}});
  ASSERT_EQ(declined.body.at("status").as_string(), "cancelled") << declined.raw;
  EXPECT_EQ(Sample("payment_failures_total{payment_method=\"sandbox\"}"), failures + 1);
  EXPECT_EQ(Sample(Orders("cancelled", "sandbox")), sandbox_cancelled + 1);

  // A cancellation that is not a payment failure is not counted as one.
  const double manual_cancelled = Sample(Orders("cancelled", "manual"));
  auto cancel = Call("POST", "/api/v1/orders/" + std::to_string(manual.body.at("id").as_int64()) + "/cancel", "", customer_);
  ASSERT_EQ(cancel.status, 200) << cancel.raw;
  EXPECT_EQ(Sample(Orders("cancelled", "manual")), manual_cancelled + 1);
  EXPECT_EQ(Sample("payment_failures_total{payment_method=\"manual\"}"), 0);

  // A refused checkout (no stock) counts nothing.
  const double pending_now = Sample(Orders("pending", "manual"));
  const int refused = PlaceOrder(customer_, json::array{Line(p, 1000)}).status;
  EXPECT_TRUE(refused == 409 || refused == 422) << refused;
  EXPECT_EQ(Sample(Orders("pending", "manual")), pending_now);
}

TEST_F(BusinessMetricsHttpTest, SignUpsAndFailedSignInsAreCounted) {
  const double signups = Sample("user_registrations_total");
  const double failures = Sample("auth_login_failures_total");
  const json::object account{{"email", "bm.nueva@correo.cl"}, {"password", "Secreto#2026"}, {"name", "Nueva"}};
  ASSERT_EQ(Call("POST", "/api/v1/auth/register", account).status, 201);
  EXPECT_EQ(Call("POST", "/api/v1/auth/register", account).status, 409) << "taken: not a sign-up";
  EXPECT_EQ(Sample("user_registrations_total"), signups + 1);
  auto wrong = Call("POST", "/api/v1/auth/login", json::object{{"email", "bm.nueva@correo.cl"}, {"password", "Otra#2026xx"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(Sample("auth_login_failures_total"), failures + 1);
}

TEST_F(BusinessMetricsHttpTest, PeriodicGaugesFollowJobsCartsStockAndUsers) {
  // Jobs: a due job of a kind nobody handles waits; a dead one stays dead.
  const double backlog = Refreshed("jobs_backlog");
  const double dead = Sample("jobs_dead");
  Exec("INSERT INTO jobs (kind, payload, status, run_after, created_at, updated_at) "
       "VALUES ('bm.test', '{}', 'queued', '2020-01-01 00:00:00', '2020-01-01 00:00:00', '2020-01-01 00:00:00')");
  Exec("INSERT INTO jobs (kind, payload, status, run_after, created_at, updated_at) "
       "VALUES ('bm.test', '{}', 'queued', '2999-01-01 00:00:00', '2020-01-01 00:00:00', '2020-01-01 00:00:00')");
  Exec("INSERT INTO jobs (kind, payload, status, attempts, run_after, created_at, updated_at, last_error) "
       "VALUES ('bm.test', '{}', 'dead', 5, '2020-01-01 00:00:00', '2020-01-01 00:00:00', '2020-01-01 00:00:00', 'x')");
  EXPECT_EQ(Refreshed("jobs_backlog"), backlog + 1) << "the future job is not due";
  EXPECT_EQ(Sample("jobs_dead"), dead + 1);
  EXPECT_GT(Sample("jobs_oldest_due_seconds"), 86400.0);

  // Conversion over 24 h: orders placed / carts active.
  const auto p = MakeProduct("BM-C1", 5000, {{"W1", 30}}, 25);
  const double placed = Refreshed("orders_placed_24h");
  const double carts = Sample("carts_active_24h");
  const std::string token = "bm-guest-cart-token-0123456789abcdef";
  auto added = Call("POST", "/api/v1/cart/items", json::serialize(Line(p, 1)), nullptr, {{"X-Cart-Token", token}});
  ASSERT_LT(added.status, 300) << added.raw;
  EXPECT_EQ(Refreshed("carts_active_24h"), carts + 1);
  // The order leaves 26 of 30 units with a reorder point of 25: no alert; 6 more: an alert.
  const double low = Sample("inventory_low_stock");
  ASSERT_EQ(PlaceOrder(customer_, json::array{Line(p, 4)}).status, 201);
  EXPECT_EQ(Refreshed("orders_placed_24h"), placed + 1);
  EXPECT_EQ(Sample("inventory_low_stock"), low);
  const double ratio = Sample("checkout_conversion_ratio");
  EXPECT_DOUBLE_EQ(ratio, Sample("orders_placed_24h") / Sample("carts_active_24h"));
  ASSERT_EQ(PlaceOrder(customer_, json::array{Line(p, 6)}).status, 201);
  EXPECT_EQ(Refreshed("inventory_low_stock"), low + 1);

  // Active users: each signed-in user once, however many requests.
  const double active = Refreshed("users_active_5m");
  auto buyer = store_->CreateUser(http::Role::kCustomer);
  ASSERT_EQ(Call("GET", "/api/v1/orders", "", &buyer).status, 200);
  ASSERT_EQ(Call("GET", "/api/v1/orders", "", &buyer).status, 200);
  EXPECT_EQ(Refreshed("users_active_5m"), active + 1);
}

TEST_F(BusinessMetricsHttpTest, CacheHitRatioMovesWithCachedReads) {
  MakeProduct("BM-K1", 1000, {{"W1", 1}});
  Call("GET", "/api/v1/products?limit=5");
  const double before = Sample("cache_hit_ratio");
  for (int i = 0; i < 5; ++i) ASSERT_EQ(Call("GET", "/api/v1/products?limit=5").status, 200);
  const double after = Sample("cache_hit_ratio");
  EXPECT_GT(after, before);
  EXPECT_LE(after, 1.0);
}

}  // namespace
}  // namespace moderno::testing
