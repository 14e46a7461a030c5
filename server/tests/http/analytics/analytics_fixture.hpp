#pragma once
// A store with orders placed over several days through the API (payments, cash on delivery,
// a coupon, partial and full refunds, cancellations, a guest cart), for the dashboard,
// analytics and report suites; and direct SQL over the orders tables to check their figures.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "analytics/dates.hpp"
#include "analytics/rollups.hpp"
#include "orders_fixture.hpp"

namespace moderno::testing {

class AnalyticsTest : public OrdersTest {
 protected:
  static void SetUpTestSuite() {
    OrdersTest::SetUpTestSuite();
    Exec("INSERT INTO categories (name, slug, is_active) VALUES ('Otra categoría', 'otra', 1)");
    Exec("INSERT INTO brands (name, slug) VALUES ('Marca Uno', 'marca-uno')");
    p1_ = MakeProduct("AN-1", 10000, {{"W1", 100}});
    p2_ = MakeProduct("AN-2", 4000, {{"W1", 100}});
    Exec("UPDATE products SET category_id = (SELECT id FROM categories WHERE slug = 'otra'), "
         "brand_id = (SELECT id FROM brands WHERE slug = 'marca-uno') WHERE id = ?",
         {p2_});
    Exec("INSERT INTO coupons (code, type, value) VALUES ('ANALITICA10', 'percentage', 10)");
    first_day_ = Today();

    // Day 0: a paid order with a coupon, a cash-on-delivery order, one cancelled while pending,
    // a card order paid at checkout, and a guest cart.
    order_a_ = Place(json::array{Line(p1_, 2)}, "manual", {{"coupon_code", "ANALITICA10"}});
    Ok(Call("POST", "/api/v1/admin/orders/" + order_a_ + "/mark-paid", "", admin_));
    order_b_ = Place(json::array{Line(p2_, 1)}, "cod");
    const std::string c = Place(json::array{Line(p1_, 1)}, "manual");
    Ok(Call("POST", "/api/v1/orders/" + c + "/cancel", "", customer_));
    Place(json::array{Line(p1_, 1), Line(p2_, 2)}, "sandbox", {}, other_);
    Ok(CallApi(store_->port(), "POST", "/api/v1/cart/items", json::serialize(Line(p2_, 1))));

    // Day 1: cash collected on delivery; a partial refund of the first order.
    NextDay(1);
    for (const char* to : {"processing", "shipped", "delivered"}) {
      Ok(Call("PUT", "/api/v1/orders/" + order_b_ + "/status", json::object{{"status", to}}, admin_));
    }
    Ok(Call("POST", "/api/v1/admin/orders/" + order_a_ + "/refund", json::object{{"amount", 1000}}, admin_));

    // Day 2: a paid order cancelled by staff (refunded in full), another card order.
    NextDay(1);
    const std::string e = Place(json::array{Line(p2_, 3)}, "manual");
    Ok(Call("POST", "/api/v1/admin/orders/" + e + "/mark-paid", "", admin_));
    Ok(Call("PUT", "/api/v1/orders/" + e + "/status", json::object{{"status", "cancelled"}}, admin_));
    Place(json::array{Line(p1_, 1)}, "sandbox");

    // Day 10: one more paid order (the 7-day dashboard then compares it with days 0-3).
    NextDay(8);
    const std::string g = Place(json::array{Line(p1_, 1)}, "manual", {}, other_);
    Ok(Call("POST", "/api/v1/admin/orders/" + g + "/mark-paid", "", admin_));
  }

  static std::string Today() {
    return analytics::FormatDay(analytics::DayOf(Now()));
  }
  static std::chrono::system_clock::time_point Now() { return clock_->clocks().system(); }
  static std::string Day(int offset) {
    return analytics::FormatDay(*analytics::ParseDay(first_day_) + std::chrono::days(offset));
  }
  // Moves the clock on by whole days and signs everyone in again (tokens last an hour).
  static void NextDay(int days) {
    clock_->Advance(std::chrono::hours(24 * days));
    for (TestUser* u : {customer_, other_, admin_, manager_}) {
      auto r = CallApi(store_->port(), "POST", "/api/v1/auth/login", json::serialize(json::object{{"email", u->email}, {"password", u->password}}));
      ASSERT_EQ(r.status, 200) << r.raw;
      u->access_token = std::string(r.body.at("access_token").as_string());
    }
  }
  static void Ok(const Reply& r) { ASSERT_LT(r.status, 300) << r.raw; }
  static std::string Place(json::array items, const std::string& payment, json::object extra = {},
                           const TestUser* as = nullptr) {
    if (payment != "cod" && !extra.contains("shipping_method")) extra["shipping_method"] = "retiro";
    auto r = PlaceOrder(as ? as : customer_, std::move(items), payment, std::move(extra));
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.contains("id") ? std::to_string(r.body.at("id").as_int64()) : "0";
  }

  // [from 00:00, to+1 00:00) as SQL timestamps.
  static std::vector<db::Value> Window(const std::string& from, const std::string& to) {
    return {analytics::StartSql(*analytics::ParseDay(from)),
            analytics::StartSql(*analytics::ParseDay(to) + std::chrono::days(1))};
  }
  // What the figures of a range must be, computed from the orders tables.
  struct Expected {
    std::int64_t orders, placed_amount, paid_orders, gross_revenue, refunds, units, cancelled, new_customers, carts;
  };
  static Expected Compute(const std::string& from, const std::string& to) {
    const auto w = Window(from, to);
    Expected e{};
    e.orders = Scalar("SELECT COUNT(*) FROM orders WHERE created_at >= ? AND created_at < ?", w);
    e.placed_amount = Scalar("SELECT COALESCE(SUM(total_amount), 0) FROM orders WHERE created_at >= ? AND created_at < ?", w);
    e.paid_orders = Scalar("SELECT COUNT(*) FROM orders WHERE paid_at >= ? AND paid_at < ?", w);
    e.gross_revenue = Scalar("SELECT COALESCE(SUM(total_amount), 0) FROM orders WHERE paid_at >= ? AND paid_at < ?", w);
    e.refunds = Scalar("SELECT COALESCE(SUM(amount), 0) FROM payments WHERE kind = 'refund' AND status = 'succeeded' "
                       "AND created_at >= ? AND created_at < ?", w);
    e.units = Scalar("SELECT COALESCE(SUM(oi.quantity), 0) FROM order_items oi JOIN orders o ON o.id = oi.order_id "
                     "WHERE o.paid_at >= ? AND o.paid_at < ?", w);
    e.cancelled = Scalar("SELECT COUNT(*) FROM orders WHERE status = 'cancelled' AND created_at >= ? AND created_at < ?", w);
    e.new_customers = Scalar("SELECT COUNT(*) FROM users WHERE role = 'customer' AND created_at >= ? AND created_at < ?", w);
    e.carts = Scalar("SELECT COUNT(*) FROM carts WHERE created_at >= ? AND created_at < ?", w);
    return e;
  }
  static void ExpectFigures(const json::object& f, const Expected& e) {
    EXPECT_EQ(f.at("orders").as_int64(), e.orders);
    EXPECT_EQ(f.at("placed_amount").as_int64(), e.placed_amount);
    EXPECT_EQ(f.at("paid_orders").as_int64(), e.paid_orders);
    EXPECT_EQ(f.at("gross_revenue").as_int64(), e.gross_revenue);
    EXPECT_EQ(f.at("refunds").as_int64(), e.refunds);
    EXPECT_EQ(f.at("revenue").as_int64(), e.gross_revenue - e.refunds);
    EXPECT_EQ(f.at("units_sold").as_int64(), e.units);
    EXPECT_EQ(f.at("cancelled_orders").as_int64(), e.cancelled);
    EXPECT_EQ(f.at("new_customers").as_int64(), e.new_customers);
    EXPECT_EQ(f.at("carts_created").as_int64(), e.carts);
    const std::int64_t aov = e.paid_orders ? (e.gross_revenue + e.paid_orders / 2) / e.paid_orders : 0;
    EXPECT_EQ(f.at("average_order_value").as_int64(), aov);
    const double conversion = e.carts ? std::llround(e.orders * 10000.0 / e.carts) / 10000.0 : 0;
    EXPECT_DOUBLE_EQ(f.at("conversion_rate").to_number<double>(), conversion);
    const double cancellation = e.orders ? std::llround(e.cancelled * 10000.0 / e.orders) / 10000.0 : 0;
    EXPECT_DOUBLE_EQ(f.at("cancellation_rate").to_number<double>(), cancellation);
  }

  // The figures of a series point (no customer or cart counts there).
  static void ExpectFiguresLite(const json::object& p, const std::string& from, const std::string& to) {
    const Expected e = Compute(from, to);
    EXPECT_EQ(p.at("orders").as_int64(), e.orders) << from << ".." << to;
    EXPECT_EQ(p.at("paid_orders").as_int64(), e.paid_orders) << from << ".." << to;
    EXPECT_EQ(p.at("gross_revenue").as_int64(), e.gross_revenue) << from << ".." << to;
    EXPECT_EQ(p.at("refunds").as_int64(), e.refunds) << from << ".." << to;
    EXPECT_EQ(p.at("revenue").as_int64(), e.gross_revenue - e.refunds) << from << ".." << to;
    EXPECT_EQ(p.at("units_sold").as_int64(), e.units) << from << ".." << to;
    EXPECT_EQ(p.at("cancelled_orders").as_int64(), e.cancelled) << from << ".." << to;
    const std::int64_t aov = e.paid_orders ? (e.gross_revenue + e.paid_orders / 2) / e.paid_orders : 0;
    EXPECT_EQ(p.at("average_order_value").as_int64(), aov) << from << ".." << to;
  }

  // Every non-zero rollup row, as text, for comparing incremental and rebuilt rollups.
  static std::vector<std::string> RollupRows() {
    std::vector<std::string> out;
    auto r = store_->app().db().Read([&](db::UnitOfWork& uow) -> Result<void> {
      for (const char* table : analytics::kRollupTables) {
        for (const db::Row& row : uow.Query("SELECT * FROM " + std::string(table) + " ORDER BY 1, 2")) {
          std::string line = table, numbers;
          bool nonzero = false;
          for (std::size_t i = 0; i < row.size(); ++i) {
            const std::string cell = row.Str(i);
            line += "|" + cell;
            if (i > 0 && cell != "0" && std::all_of(cell.begin(), cell.end(), [](char ch) {
                  return std::isdigit(static_cast<unsigned char>(ch)) || ch == '-';
                })) {
              nonzero = true;
            }
          }
          if (nonzero) out.push_back(line);
        }
      }
      return {};
    });
    EXPECT_TRUE(r) << r.error().internal;
    return out;
  }

  static inline std::int64_t p1_ = 0, p2_ = 0;
  static inline std::string first_day_, order_a_, order_b_;
};

}  // namespace moderno::testing
