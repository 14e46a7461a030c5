#pragma once
// The orders domain's SQL (the same on SQLite and MariaDB unless a constant says otherwise).
// Status changes are conditional updates where two writers may race (expiry, refunds).
#include <string_view>

namespace moderno::orders::sql {

// Columns read by Repository::ReadRow, in this order; the addresses (17, 18) are encrypted.
inline constexpr std::string_view kOrderColumns =
    "SELECT o.id, o.order_number, o.user_id, o.status, o.payment_status, o.payment_method, o.payment_reference, "
    "o.currency, o.subtotal, o.discount_amount, o.shipping_amount, o.tax_amount, o.total_amount, o.refunded_amount, "
    "o.coupon_code, o.shipping_method, o.shipping_region, o.shipping_address, o.billing_address, o.notes, "
    "o.tracking_number, o.reserved_until, o.created_at, o.updated_at, o.paid_at, o.shipped_at, o.delivered_at, "
    "o.cancelled_at, u.email FROM orders o JOIN users u ON u.id = o.user_id";
inline constexpr std::string_view kWhereId = " WHERE o.id = ?";
inline constexpr std::string_view kLockOrderMysql = "SELECT id FROM orders WHERE id = ? FOR UPDATE";
inline constexpr std::string_view kItems =
    "SELECT id, product_id, variant_id, sku, name, variant_name, image_url, unit_price, quantity, discount_amount, "
    "line_total FROM order_items WHERE order_id = ? ORDER BY id";
inline constexpr std::string_view kHistory =
    "SELECT from_status, to_status, actor_kind, actor_user_id, note, created_at FROM order_status_history "
    "WHERE order_id = ? ORDER BY id";
inline constexpr std::string_view kPayments =
    "SELECT id, provider, kind, status, amount, provider_reference, failure_code, created_at, authorization_code, "
    "card_last4, payment_type, installments, provider_status, failure_message FROM payments "
    "WHERE order_id = ? ORDER BY id";
inline constexpr std::string_view kCount = "SELECT COUNT(*) FROM orders o";
// A page, newest first, with each order's units in the same statement: kPageHead + columns +
// where + kPageTail. Parameters: the where's, limit, offset.
inline constexpr std::string_view kPageHead =
    "SELECT x.*, (SELECT COALESCE(SUM(quantity), 0) FROM order_items oi WHERE oi.order_id = x.id) FROM (";
inline constexpr std::string_view kPageTail =
    " ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?) x ORDER BY x.created_at DESC, x.id DESC";
inline constexpr std::string_view kByPaymentReference = "SELECT id FROM orders WHERE payment_reference = ?";
inline constexpr std::string_view kCustomer = "SELECT name, email FROM users WHERE id = ?";

inline constexpr std::string_view kInsertOrder =
    "INSERT INTO orders (order_number, user_id, status, payment_status, payment_method, currency, "
    "subtotal, discount_amount, shipping_amount, tax_amount, total_amount, coupon_id, coupon_code, "
    "shipping_method, shipping_region, shipping_address, billing_address, notes, reserved_until, "
    "created_at, updated_at) VALUES (?, ?, 'pending', 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr std::string_view kInsertItem =
    "INSERT INTO order_items (order_id, product_id, variant_id, sku, name, variant_name, image_url, "
    "unit_price, quantity, discount_amount, line_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr std::string_view kInsertHistory =
    "INSERT INTO order_status_history (order_id, from_status, to_status, actor_user_id, actor_kind, note, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
// The status and its timestamp column: kSetStatus + optional ", <col> = ?" + kWhereOrder.
inline constexpr std::string_view kSetStatus = "UPDATE orders SET status = ?, updated_at = ?";
inline constexpr std::string_view kWhereOrder = " WHERE id = ?";
inline constexpr std::string_view kSetPaymentReference = "UPDATE orders SET payment_reference = ?, updated_at = ? WHERE id = ?";
inline constexpr std::string_view kSetPaid =
    "UPDATE orders SET payment_status = 'paid', paid_at = ?, reserved_until = NULL, updated_at = ? WHERE id = ?";
inline constexpr std::string_view kSetPaymentReceived = "UPDATE orders SET payment_status = 'paid', paid_at = ? WHERE id = ?";
inline constexpr std::string_view kEndReservation =
    "UPDATE orders SET reserved_until = NULL, payment_status = COALESCE(?, payment_status) WHERE id = ?";
inline constexpr std::string_view kSetTracking = "UPDATE orders SET tracking_number = ? WHERE id = ?";
inline constexpr std::string_view kSetPaymentStatus = "UPDATE orders SET payment_status = ? WHERE id = ?";
inline constexpr std::string_view kAddRefund = "UPDATE orders SET refunded_amount = refunded_amount + ? WHERE id = ?";
// A refund on top of the refunded amount read: no row when another refund happened meanwhile.
inline constexpr std::string_view kAddRefundIfUnchanged =
    "UPDATE orders SET refunded_amount = refunded_amount + ?, updated_at = ? WHERE id = ? AND refunded_amount = ?";
inline constexpr std::string_view kSetRefunded =
    "UPDATE orders SET refunded_amount = ?, payment_status = ?, updated_at = ? WHERE id = ?";

// Unpaid card orders past their reservation, oldest first.
inline constexpr std::string_view kExpired =
    "SELECT id FROM orders WHERE reserved_until IS NOT NULL AND reserved_until < ? AND status = 'pending' "
    "AND payment_status = 'pending' ORDER BY reserved_until LIMIT ?";
// The claim of an expired order: on several nodes only one wins it.
inline constexpr std::string_view kClaimExpired =
    "UPDATE orders SET reserved_until = NULL WHERE id = ? AND status = 'pending' AND payment_status = 'pending' "
    "AND reserved_until IS NOT NULL AND reserved_until < ?";
inline constexpr std::string_view kSoldUnits = "SELECT product_id, SUM(quantity) FROM order_items WHERE order_id = ? GROUP BY product_id";

}  // namespace moderno::orders::sql
