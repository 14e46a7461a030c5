// Dashboard and analytics figures equal a direct SQL computation over orders placed through the
// API across several days (payments, cash on delivery, coupon, refunds, cancellations); the
// previous period; week and month grouping; validation; roles; and rollups rebuilt from scratch
// equal the ones maintained by the order events. Both databases.
#include "analytics_fixture.hpp"

namespace moderno::testing {
namespace {

class AnalyticsDashboardTest : public AnalyticsTest {};

TEST_F(AnalyticsDashboardTest, SevenDaysAndThePreviousSevenEqualSql) {
  auto r = Call("GET", "/api/v1/admin/dashboard?period=7d", "", admin_);
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body.at("period").as_string(), "7d");
  const json::object& cur = r.body.at("current").as_object();
  const json::object& prev = r.body.at("previous").as_object();
  EXPECT_EQ(cur.at("from").as_string(), Day(4));
  EXPECT_EQ(cur.at("to").as_string(), Day(10));
  EXPECT_EQ(prev.at("from").as_string(), Day(-3));
  EXPECT_EQ(prev.at("to").as_string(), Day(3));
  ExpectFigures(cur, Compute(Day(4), Day(10)));
  ExpectFigures(prev, Compute(Day(-3), Day(3)));
  // The scenario itself: one order this week, six the week before (one cancelled while pending,
  // one cancelled after payment), refunds of 1000 and of the whole cancelled paid order.
  EXPECT_EQ(cur.at("orders").as_int64(), 1);
  EXPECT_EQ(cur.at("paid_orders").as_int64(), 1);
  EXPECT_EQ(prev.at("orders").as_int64(), 6);
  EXPECT_EQ(prev.at("cancelled_orders").as_int64(), 2);
  EXPECT_EQ(prev.at("paid_orders").as_int64(), 5) << "manual x2, sandbox x2, cash on delivery";
  EXPECT_EQ(prev.at("carts_created").as_int64(), 1);
  const std::int64_t cancelled_paid = Scalar(
      "SELECT total_amount FROM orders WHERE status = 'cancelled' AND paid_at IS NOT NULL");
  EXPECT_EQ(prev.at("refunds").as_int64(), 1000 + cancelled_paid);
  // Orders by status: the previous week's orders as they are now.
  const json::object& by_status = prev.at("orders_by_status").as_object();
  EXPECT_EQ(by_status.at("cancelled").as_int64(), 2);
  EXPECT_EQ(by_status.at("delivered").as_int64(), 1);
  std::int64_t sum = 0;
  for (const auto& [status, n] : by_status) {
    sum += n.as_int64();
    EXPECT_EQ(n.as_int64(), Scalar("SELECT COUNT(*) FROM orders WHERE status = ? AND created_at >= ? AND created_at < ?",
                                   {std::string(status), Window(Day(-3), Day(3))[0], Window(Day(-3), Day(3))[1]}))
        << status;
  }
  EXPECT_EQ(sum, 6);
  EXPECT_EQ(r.body.at("low_stock").as_int64(), Scalar("SELECT COUNT(*) FROM stock_alerts WHERE status = 'open'"));
}

TEST_F(AnalyticsDashboardTest, TodayAndThirtyDaysAndDefault) {
  auto today = Call("GET", "/api/v1/admin/dashboard?period=today", "", manager_);
  ASSERT_EQ(today.status, 200) << today.raw;
  ExpectFigures(today.body.at("current").as_object(), Compute(Day(10), Day(10)));
  ExpectFigures(today.body.at("previous").as_object(), Compute(Day(9), Day(9)));
  auto month = Call("GET", "/api/v1/admin/dashboard", "", manager_);
  ASSERT_EQ(month.status, 200) << month.raw;
  EXPECT_EQ(month.body.at("period").as_string(), "30d");
  ExpectFigures(month.body.at("current").as_object(), Compute(Day(-19), Day(10)));
  EXPECT_EQ(month.body.at("current").as_object().at("orders").as_int64(), 7);
}

TEST_F(AnalyticsDashboardTest, AnalyticsTotalsBreakdownsAndMixEqualSql) {
  auto r = Call("GET", "/api/v1/admin/analytics?from=" + Day(0) + "&to=" + Day(10), "", manager_);
  ASSERT_EQ(r.status, 200) << r.raw;
  ExpectFigures(r.body.at("totals").as_object(), Compute(Day(0), Day(10)));
  const auto w = Window(Day(0), Day(10));
  // Series by day: eleven days, zeros included, summing to the totals.
  const json::array& series = r.body.at("series").as_array();
  ASSERT_EQ(series.size(), 11u);
  std::int64_t revenue = 0;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const json::object& p = series[i].as_object();
    EXPECT_EQ(p.at("period").as_string(), Day(static_cast<int>(i)));
    ExpectFiguresLite(p, Day(static_cast<int>(i)), Day(static_cast<int>(i)));
    revenue += p.at("revenue").as_int64();
  }
  EXPECT_EQ(revenue, r.body.at("totals").as_object().at("revenue").as_int64());
  // Category, brand and product sales of paid orders (line totals).
  for (const auto& v : r.body.at("sales_by_category").as_array()) {
    const json::object& c = v.as_object();
    EXPECT_EQ(c.at("revenue").as_int64(),
              Scalar("SELECT SUM(oi.line_total) FROM order_items oi JOIN orders o ON o.id = oi.order_id JOIN products p "
                     "ON p.id = oi.product_id WHERE p.category_id = ? AND o.paid_at >= ? AND o.paid_at < ?",
                     {c.at("id").as_int64(), w[0], w[1]}));
    EXPECT_EQ(c.at("units").as_int64(),
              Scalar("SELECT SUM(oi.quantity) FROM order_items oi JOIN orders o ON o.id = oi.order_id JOIN products p "
                     "ON p.id = oi.product_id WHERE p.category_id = ? AND o.paid_at >= ? AND o.paid_at < ?",
                     {c.at("id").as_int64(), w[0], w[1]}));
  }
  EXPECT_EQ(r.body.at("sales_by_category").as_array().size(), 2u);
  const json::array& brands = r.body.at("sales_by_brand").as_array();
  ASSERT_EQ(brands.size(), 2u) << "Marca Uno and no brand";
  for (const auto& v : brands) {
    const json::object& b = v.as_object();
    const std::int64_t id = b.at("id").as_int64();
    EXPECT_EQ(b.at("units").as_int64(),
              Scalar("SELECT SUM(oi.quantity) FROM order_items oi JOIN orders o ON o.id = oi.order_id JOIN products p "
                     "ON p.id = oi.product_id WHERE COALESCE(p.brand_id, 0) = ? AND o.paid_at >= ? AND o.paid_at < ?",
                     {id, w[0], w[1]}));
    if (id != 0) {
      EXPECT_EQ(b.at("name").as_string(), "Marca Uno");
    }
  }
  const json::array& by_units = r.body.at("top_products").at("by_units").as_array();
  ASSERT_EQ(by_units.size(), 2u);
  EXPECT_GE(by_units[0].at("units").as_int64(), by_units[1].at("units").as_int64());
  for (const auto& v : by_units) {
    EXPECT_EQ(v.at("units").as_int64(),
              Scalar("SELECT SUM(oi.quantity) FROM order_items oi JOIN orders o ON o.id = oi.order_id "
                     "WHERE oi.product_id = ? AND o.paid_at >= ? AND o.paid_at < ?",
                     {v.at("id").as_int64(), w[0], w[1]}));
  }
  const json::array& by_revenue = r.body.at("top_products").at("by_revenue").as_array();
  ASSERT_EQ(by_revenue.size(), 2u);
  EXPECT_GE(by_revenue[0].at("revenue").as_int64(), by_revenue[1].at("revenue").as_int64());
  EXPECT_EQ(by_revenue[0].at("sku").as_string(), "AN-1");
  // Payment method mix of paid orders.
  std::int64_t paid = 0;
  for (const auto& v : r.body.at("payment_methods").as_array()) {
    const std::string method(v.at("method").as_string());
    EXPECT_EQ(v.at("orders").as_int64(),
              Scalar("SELECT COUNT(*) FROM orders WHERE payment_method = ? AND paid_at >= ? AND paid_at < ?", {method, w[0], w[1]}))
        << method;
    EXPECT_EQ(v.at("revenue").as_int64(),
              Scalar("SELECT SUM(total_amount) FROM orders WHERE payment_method = ? AND paid_at >= ? AND paid_at < ?",
                     {method, w[0], w[1]}))
        << method;
    paid += v.at("orders").as_int64();
  }
  EXPECT_EQ(paid, 6);
  EXPECT_EQ(r.body.at("payment_methods").as_array().size(), 3u) << "manual, sandbox, cod";
  // Coupon usage.
  const json::array& coupons = r.body.at("coupons").as_array();
  ASSERT_EQ(coupons.size(), 1u);
  EXPECT_EQ(coupons[0].at("code").as_string(), "ANALITICA10");
  EXPECT_EQ(coupons[0].at("orders").as_int64(), 1);
  EXPECT_EQ(coupons[0].at("discount").as_int64(), Scalar("SELECT discount_amount FROM orders WHERE id = ?", {std::stoll(order_a_)}));
  EXPECT_GT(coupons[0].at("discount").as_int64(), 0);
  // Repeat customers: the customer ordered several times, the other customer twice (day 0 and 10).
  const json::object& customers = r.body.at("customers").as_object();
  EXPECT_EQ(customers.at("ordering").as_int64(), 2);
  EXPECT_EQ(customers.at("repeat").as_int64(), 2);
  EXPECT_DOUBLE_EQ(customers.at("repeat_customer_rate").to_number<double>(), 1.0);
  auto early = Call("GET", "/api/v1/admin/analytics?from=" + Day(0) + "&to=" + Day(1), "", manager_);
  ASSERT_EQ(early.status, 200) << early.raw;
  EXPECT_EQ(early.body.at("customers").at("ordering").as_int64(), 2);
  EXPECT_EQ(early.body.at("customers").at("repeat").as_int64(), 1) << "the other customer's second order is later";
}

TEST_F(AnalyticsDashboardTest, GroupsByWeekAndMonth) {
  for (const std::string group : {"week", "month"}) {
    auto r = Call("GET", "/api/v1/admin/analytics?from=" + Day(0) + "&to=" + Day(10) + "&group_by=" + group, "", admin_);
    ASSERT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(r.body.at("group_by").as_string(), group);
    const json::array& series = r.body.at("series").as_array();
    ASSERT_FALSE(series.empty());
    std::int64_t orders = 0;
    for (std::size_t i = 0; i < series.size(); ++i) {
      const json::object& p = series[i].as_object();
      const auto start = *analytics::ParseDay(std::string(p.at("period").as_string()));
      if (group == "week") {
        EXPECT_EQ(std::chrono::weekday(start).iso_encoding(), 1u) << "weeks start on Monday";
      } else {
        EXPECT_EQ(static_cast<unsigned>(std::chrono::year_month_day(start).day()), 1u);
      }
      // The bucket's figures are the SQL figures of its days inside the range.
      auto next = group == "week" ? start + std::chrono::days(7)
                                  : std::chrono::sys_days(std::chrono::year_month_day(start) + std::chrono::months(1));
      std::string from = std::max(analytics::FormatDay(start), Day(0));
      std::string to = std::min(analytics::FormatDay(next - std::chrono::days(1)), Day(10));
      ExpectFiguresLite(p, from, to);
      orders += p.at("orders").as_int64();
      if (i > 0) {
        EXPECT_LT(series[i - 1].at("period").as_string(), p.at("period").as_string());
      }
    }
    EXPECT_EQ(orders, 7);
    // Day 0 to day 10 spans two or three ISO weeks, and one or two months.
    if (group == "week") {
      EXPECT_GE(series.size(), 2u);
      EXPECT_LE(series.size(), 3u);
    } else {
      EXPECT_LE(series.size(), 2u);
    }
  }
}

TEST_F(AnalyticsDashboardTest, ValidationNamesTheField) {
  auto r = Call("GET", "/api/v1/admin/dashboard?period=year", "", admin_);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(NamesField(r, "period", "invalid")) << r.raw;
  r = Call("GET", "/api/v1/admin/analytics?from=2026-02-30", "", admin_);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(NamesField(r, "from", "invalid")) << r.raw;
  r = Call("GET", "/api/v1/admin/analytics?to=yesterday", "", admin_);
  EXPECT_TRUE(NamesField(r, "to", "invalid")) << r.raw;
  r = Call("GET", "/api/v1/admin/analytics?from=2026-03-02&to=2026-03-01", "", admin_);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(NamesField(r, "from", "after_to")) << r.raw;
  r = Call("GET", "/api/v1/admin/analytics?from=2020-01-01&to=2026-01-01", "", admin_);
  EXPECT_TRUE(NamesField(r, "to", "range_too_long")) << r.raw;
  r = Call("GET", "/api/v1/admin/analytics?group_by=year", "", admin_);
  EXPECT_TRUE(NamesField(r, "group_by", "invalid")) << r.raw;
  r = Call("GET", "/api/v1/admin/analytics?from=2024-01-01&to=2025-12-31", "", admin_);
  EXPECT_EQ(r.status, 200) << "two years is allowed";
  r = Call("GET", "/api/v1/admin/reports/sales.csv?from=nope", "", admin_);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(NamesField(r, "from", "invalid")) << r.raw;
}

TEST_F(AnalyticsDashboardTest, StaffOnlyManagersMayRead) {
  for (const std::string target : {"/api/v1/admin/dashboard", "/api/v1/admin/analytics", "/api/v1/admin/reports/sales.csv",
                                   "/api/v1/admin/reports/inventory.csv", "/api/v1/admin/reports/customers.csv",
                                   "/api/v1/admin/reports/files/sales-x.csv"}) {
    EXPECT_EQ(Call("GET", target, "", customer_).status, 403) << target;
    EXPECT_EQ(Call("GET", target).status, 401) << target;
  }
  EXPECT_EQ(Call("GET", "/api/v1/admin/dashboard", "", manager_).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/admin/analytics", "", manager_).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/admin/reports/inventory.csv", "", manager_).status, 200);
}

TEST_F(AnalyticsDashboardTest, RebuildFromScratchEqualsTheIncrementalRollups) {
  const auto incremental = RollupRows();
  ASSERT_FALSE(incremental.empty());
  Exec("DELETE FROM analytics_daily");
  Exec("DELETE FROM analytics_daily_product");
  auto report = analytics::RebuildRollups(store_->app().db());
  ASSERT_TRUE(report) << report.error().internal;
  EXPECT_EQ(report->orders, 7);
  const auto rebuilt = RollupRows();
  EXPECT_EQ(rebuilt, incremental);
  // And the dashboard reads the same figures after the rebuild.
  auto r = Call("GET", "/api/v1/admin/dashboard?period=7d", "", admin_);
  ASSERT_EQ(r.status, 200);
  ExpectFigures(r.body.at("previous").as_object(), Compute(Day(-3), Day(3)));
}

}  // namespace
}  // namespace moderno::testing
