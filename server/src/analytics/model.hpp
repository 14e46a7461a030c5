#pragma once
// What the dashboard and the analytics report show. Money in minor units; rates are fractions
// (0..1) rounded to four decimals; days are 'YYYY-MM-DD' (UTC).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace moderno::analytics {

// The headline figures of a range of days.
struct Figures {
  std::string from, to;              // inclusive days
  std::int64_t revenue = 0;          // gross_revenue - refunds
  std::int64_t gross_revenue = 0;    // total_amount of orders paid in the range
  std::int64_t refunds = 0;          // money given back in the range
  std::int64_t orders = 0;           // orders placed in the range
  std::int64_t placed_amount = 0;    // their total_amount
  std::int64_t paid_orders = 0;      // orders paid in the range
  std::int64_t average_order_value = 0;  // gross_revenue / paid_orders, rounded
  std::int64_t units_sold = 0;       // units of the orders paid in the range
  std::int64_t cancelled_orders = 0; // orders placed in the range and cancelled since
  double cancellation_rate = 0;      // cancelled_orders / orders
  std::int64_t new_customers = 0;    // customer accounts created in the range
  std::int64_t carts_created = 0;    // carts created in the range
  double conversion_rate = 0;        // orders / carts_created
  std::map<std::string, std::int64_t> orders_by_status;  // orders placed in the range, by status now
};

struct Dashboard {
  std::string period;  // today, 7d, 30d
  Figures current, previous;
  std::int64_t low_stock = 0;  // open low-stock alerts
};

// Parameters of GET /admin/analytics, as received.
struct AnalyticsQuery {
  std::optional<std::string> from, to, group_by;
};

struct SeriesPoint {
  std::string period;  // first day of the bucket
  std::int64_t revenue = 0, gross_revenue = 0, refunds = 0, orders = 0, paid_orders = 0, average_order_value = 0,
               units_sold = 0, cancelled_orders = 0;
};

struct Breakdown {
  std::int64_t id = 0;
  std::string name;  // category, brand or product name ("" when unknown)
  std::string sku;   // products
  std::int64_t units = 0, revenue = 0;
};

struct MethodShare {
  std::string method;
  std::int64_t orders = 0, revenue = 0;
  double share = 0;  // of paid orders
};

struct CouponUse {
  std::string code;
  std::int64_t orders = 0, discount = 0, revenue = 0;
};

struct Analytics {
  std::string from, to, group_by;
  Figures totals;
  std::vector<SeriesPoint> series;
  std::vector<Breakdown> by_category, by_brand, top_by_units, top_by_revenue;
  std::vector<MethodShare> payment_methods;
  std::vector<CouponUse> coupons;
  std::int64_t customers = 0, repeat_customers = 0;
  double repeat_customer_rate = 0;
};

}  // namespace moderno::analytics
