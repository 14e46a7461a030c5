#pragma once
// The payments domain's SQL: payment rows of orders and the provider events already applied.
#include <string_view>

namespace moderno::payments::sql {

inline constexpr std::string_view kInsertPayment =
    "INSERT INTO payments (order_id, provider, kind, status, amount, provider_reference, failure_code, failure_message, "
    "authorization_code, card_last4, payment_type, installments, provider_status, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr std::string_view kSettlePendingCharge =
    "UPDATE payments SET status = 'succeeded' WHERE order_id = ? AND kind = 'charge' AND status = 'pending'";
inline constexpr std::string_view kFailPendingCharge =
    "UPDATE payments SET status = 'failed', failure_code = ? WHERE order_id = ? AND kind = 'charge' AND status = 'pending'";
inline constexpr std::string_view kEventSeen = "SELECT event_id FROM payment_events WHERE event_id = ?";
inline constexpr std::string_view kInsertEvent =
    "INSERT INTO payment_events (event_id, provider, type, created_at) VALUES (?, ?, ?, ?)";
// Attempts paid on the provider's page, found by the provider's reference.
inline constexpr std::string_view kFindAttempt =
    "SELECT id, order_id, status, amount, created_at FROM payments "
    "WHERE provider = ? AND kind = 'charge' AND provider_reference = ?";
// The attempt decided, once: only a pending row changes.
inline constexpr std::string_view kDecideAttempt =
    "UPDATE payments SET status = ?, failure_code = ?, failure_message = ?, authorization_code = ?, card_last4 = ?, "
    "payment_type = ?, installments = ?, provider_status = ? WHERE id = ? AND status = 'pending'";
inline constexpr std::string_view kCountAttempts =
    "SELECT COUNT(*) FROM payments WHERE order_id = ? AND kind = 'charge'";
// Attempts of open orders still undecided since before a time, oldest first.
inline constexpr std::string_view kUndecidedAttempts =
    "SELECT p.provider_reference, p.order_id FROM payments p JOIN orders o ON o.id = p.order_id "
    "WHERE p.provider = ? AND p.kind = 'charge' AND p.status = 'pending' AND p.created_at < ? "
    "AND p.provider_reference IS NOT NULL AND o.status = 'pending' ORDER BY p.created_at, p.id LIMIT ?";

}  // namespace moderno::payments::sql
