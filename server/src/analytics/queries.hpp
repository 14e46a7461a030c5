#pragma once
// SQL of the analytics domain. DATE(ts) is 'YYYY-MM-DD' text on SQLite and a DATE on MySQL;
// both compare with 'YYYY-MM-DD' parameters. Upserts differ by dialect and are built by
// Upsert() in rollups.cpp from the table, key and counter columns.
namespace moderno::analytics::sql {

// --- Listener ----------------------------------------------------------------------------------
// An order's lines by product with the product's category and brand (0: none).
inline constexpr const char* kOrderLinesByProduct =
    "SELECT oi.product_id, p.category_id, COALESCE(p.brand_id, 0), SUM(oi.quantity), SUM(oi.line_total) "
    "FROM order_items oi JOIN products p ON p.id = oi.product_id WHERE oi.order_id = ? "
    "GROUP BY oi.product_id, p.category_id, COALESCE(p.brand_id, 0) ORDER BY oi.product_id";

// --- Rebuild -----------------------------------------------------------------------------------
inline constexpr const char* kCountOrders = "SELECT COUNT(*) FROM orders";
inline constexpr const char* kPlacedByDay =
    "SELECT DATE(created_at), COUNT(*), SUM(total_amount), SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END) "
    "FROM orders GROUP BY DATE(created_at)";
inline constexpr const char* kPaidByDay =
    "SELECT DATE(paid_at), COUNT(*), SUM(total_amount) FROM orders WHERE paid_at IS NOT NULL GROUP BY DATE(paid_at)";
inline constexpr const char* kUnitsByPaidDay =
    "SELECT DATE(o.paid_at), SUM(oi.quantity) FROM orders o JOIN order_items oi ON oi.order_id = o.id "
    "WHERE o.paid_at IS NOT NULL GROUP BY DATE(o.paid_at)";
inline constexpr const char* kRefundsByDay =
    "SELECT DATE(created_at), SUM(amount) FROM payments WHERE kind = 'refund' AND status = 'succeeded' "
    "GROUP BY DATE(created_at)";
inline constexpr const char* kInsertDaily =
    "INSERT INTO analytics_daily (day, orders_placed, placed_amount, cancelled_orders, paid_orders, gross_revenue, "
    "refunds, units_sold) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr const char* kRebuildStatus =
    "INSERT INTO analytics_daily_status (day, status, orders) "
    "SELECT DATE(created_at), status, COUNT(*) FROM orders GROUP BY DATE(created_at), status";
inline constexpr const char* kRebuildProduct =
    "INSERT INTO analytics_daily_product (day, product_id, units, revenue) "
    "SELECT DATE(o.paid_at), oi.product_id, SUM(oi.quantity), SUM(oi.line_total) "
    "FROM orders o JOIN order_items oi ON oi.order_id = o.id WHERE o.paid_at IS NOT NULL "
    "GROUP BY DATE(o.paid_at), oi.product_id";
inline constexpr const char* kRebuildCategory =
    "INSERT INTO analytics_daily_category (day, category_id, units, revenue) "
    "SELECT DATE(o.paid_at), p.category_id, SUM(oi.quantity), SUM(oi.line_total) "
    "FROM orders o JOIN order_items oi ON oi.order_id = o.id JOIN products p ON p.id = oi.product_id "
    "WHERE o.paid_at IS NOT NULL GROUP BY DATE(o.paid_at), p.category_id";
inline constexpr const char* kRebuildBrand =
    "INSERT INTO analytics_daily_brand (day, brand_id, units, revenue) "
    "SELECT DATE(o.paid_at), COALESCE(p.brand_id, 0), SUM(oi.quantity), SUM(oi.line_total) "
    "FROM orders o JOIN order_items oi ON oi.order_id = o.id JOIN products p ON p.id = oi.product_id "
    "WHERE o.paid_at IS NOT NULL GROUP BY DATE(o.paid_at), COALESCE(p.brand_id, 0)";
inline constexpr const char* kRebuildPayment =
    "INSERT INTO analytics_daily_payment (day, payment_method, orders, revenue) "
    "SELECT DATE(paid_at), payment_method, COUNT(*), SUM(total_amount) FROM orders WHERE paid_at IS NOT NULL "
    "GROUP BY DATE(paid_at), payment_method";
inline constexpr const char* kRebuildCoupon =
    "INSERT INTO analytics_daily_coupon (day, coupon_code, orders, discount, revenue) "
    "SELECT DATE(paid_at), coupon_code, COUNT(*), SUM(discount_amount), SUM(total_amount) FROM orders "
    "WHERE paid_at IS NOT NULL AND coupon_code IS NOT NULL GROUP BY DATE(paid_at), coupon_code";

// --- Dashboard and analytics (rollups only, plus two index counts) -----------------------------
inline constexpr const char* kDailyTotals =
    "SELECT COALESCE(SUM(orders_placed), 0), COALESCE(SUM(placed_amount), 0), COALESCE(SUM(cancelled_orders), 0), "
    "COALESCE(SUM(paid_orders), 0), COALESCE(SUM(gross_revenue), 0), COALESCE(SUM(refunds), 0), "
    "COALESCE(SUM(units_sold), 0) FROM analytics_daily WHERE day >= ? AND day <= ?";
inline constexpr const char* kDailyRows =
    "SELECT day, orders_placed, placed_amount, cancelled_orders, paid_orders, gross_revenue, refunds, units_sold "
    "FROM analytics_daily WHERE day >= ? AND day <= ? ORDER BY day";
inline constexpr const char* kStatusTotals =
    "SELECT status, SUM(orders) FROM analytics_daily_status WHERE day >= ? AND day <= ? GROUP BY status "
    "ORDER BY status";
inline constexpr const char* kNewCustomers =
    "SELECT COUNT(*) FROM users WHERE role = 'customer' AND created_at >= ? AND created_at < ?";
inline constexpr const char* kCartsCreated = "SELECT COUNT(*) FROM carts WHERE created_at >= ? AND created_at < ?";
inline constexpr const char* kOpenAlerts = "SELECT COUNT(*) FROM stock_alerts WHERE status = 'open'";
inline constexpr const char* kByCategory =
    "SELECT r.category_id, c.name, SUM(r.units), SUM(r.revenue) FROM analytics_daily_category r "
    "LEFT JOIN categories c ON c.id = r.category_id WHERE r.day >= ? AND r.day <= ? "
    "GROUP BY r.category_id, c.name ORDER BY SUM(r.revenue) DESC, r.category_id";
inline constexpr const char* kByBrand =
    "SELECT r.brand_id, b.name, SUM(r.units), SUM(r.revenue) FROM analytics_daily_brand r "
    "LEFT JOIN brands b ON b.id = r.brand_id WHERE r.day >= ? AND r.day <= ? "
    "GROUP BY r.brand_id, b.name ORDER BY SUM(r.revenue) DESC, r.brand_id";
inline constexpr const char* kTopProductsByUnits =
    "SELECT t.product_id, p.sku, p.name, t.units, t.revenue FROM (SELECT product_id, SUM(units) AS units, "
    "SUM(revenue) AS revenue FROM analytics_daily_product WHERE day >= ? AND day <= ? GROUP BY product_id) t "
    "LEFT JOIN products p ON p.id = t.product_id ORDER BY t.units DESC, t.revenue DESC, t.product_id LIMIT ?";
inline constexpr const char* kTopProductsByRevenue =
    "SELECT t.product_id, p.sku, p.name, t.units, t.revenue FROM (SELECT product_id, SUM(units) AS units, "
    "SUM(revenue) AS revenue FROM analytics_daily_product WHERE day >= ? AND day <= ? GROUP BY product_id) t "
    "LEFT JOIN products p ON p.id = t.product_id ORDER BY t.revenue DESC, t.units DESC, t.product_id LIMIT ?";
inline constexpr const char* kPaymentMix =
    "SELECT payment_method, SUM(orders), SUM(revenue) FROM analytics_daily_payment WHERE day >= ? AND day <= ? "
    "GROUP BY payment_method ORDER BY SUM(revenue) DESC, payment_method";
inline constexpr const char* kCouponUsage =
    "SELECT coupon_code, SUM(orders), SUM(discount), SUM(revenue) FROM analytics_daily_coupon "
    "WHERE day >= ? AND day <= ? GROUP BY coupon_code ORDER BY SUM(orders) DESC, coupon_code";
// Customers with a not-cancelled order placed in [start, end), and how many of them have
// another not-cancelled order placed before `end` (index on orders (user_id, created_at)).
inline constexpr const char* kRepeatCustomers =
    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN (SELECT COUNT(*) FROM orders p WHERE p.user_id = c.user_id "
    "AND p.created_at < ? AND p.status <> 'cancelled') > 1 THEN 1 ELSE 0 END), 0) "
    "FROM (SELECT DISTINCT user_id FROM orders WHERE created_at >= ? AND created_at < ? "
    "AND status <> 'cancelled') c";

}  // namespace moderno::analytics::sql
