#pragma once
// The payments domain's SQL: payment rows of orders and the provider events already applied.
#include <string_view>

namespace moderno::payments::sql {

inline constexpr std::string_view kInsertPayment =
    "INSERT INTO payments (order_id, provider, kind, status, amount, provider_reference, failure_code, failure_message, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr std::string_view kSettlePendingCharge =
    "UPDATE payments SET status = 'succeeded' WHERE order_id = ? AND kind = 'charge' AND status = 'pending'";
inline constexpr std::string_view kFailPendingCharge =
    "UPDATE payments SET status = 'failed', failure_code = ? WHERE order_id = ? AND kind = 'charge' AND status = 'pending'";
inline constexpr std::string_view kEventSeen = "SELECT event_id FROM payment_events WHERE event_id = ?";
inline constexpr std::string_view kInsertEvent =
    "INSERT INTO payment_events (event_id, provider, type, created_at) VALUES (?, ?, ?, ?)";

}  // namespace moderno::payments::sql
