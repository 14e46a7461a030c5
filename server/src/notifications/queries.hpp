#pragma once
// SQL of the notifications domain (the same text in both dialects).
#include <string_view>

namespace moderno::notifications::sql {

// An order as its emails show it, with its customer.
inline constexpr std::string_view kOrderForEmail =
    "SELECT o.order_number, o.status, o.payment_status, o.payment_method, o.subtotal, o.discount_amount, "
    "o.shipping_amount, o.tax_amount, o.total_amount, o.tracking_number, u.email, u.name, u.locale "
    "FROM orders o JOIN users u ON u.id = o.user_id WHERE o.id = ?";

// The customer of an order whose data the event carries.
inline constexpr std::string_view kUserForEmail = "SELECT email, name, locale FROM users WHERE id = ?";

// Its lines, with the product's slug for links.
inline constexpr std::string_view kOrderItems =
    "SELECT oi.product_id, oi.name, oi.variant_name, oi.quantity, oi.unit_price, oi.line_total, p.slug "
    "FROM order_items oi LEFT JOIN products p ON p.id = oi.product_id WHERE oi.order_id = ? ORDER BY oi.id";

// Staff who receive low-stock alerts when no STAFF_ALERT_EMAIL is configured.
inline constexpr std::string_view kStaffRecipients =
    "SELECT email, locale FROM users WHERE role IN ('admin', 'super_admin') AND is_active = 1 ORDER BY id LIMIT 50";

// What a low-stock alert names: product, SKU (the variant's when there is one) and warehouse.
inline constexpr std::string_view kLowStockItem =
    "SELECT p.name, COALESCE(v.sku, p.sku), COALESCE(w.name, '') FROM products p "
    "LEFT JOIN product_variants v ON v.id = ? LEFT JOIN warehouses w ON w.id = ? WHERE p.id = ?";

}  // namespace moderno::notifications::sql
