#include "orders/status.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace moderno::orders {
namespace {

constexpr std::array<std::pair<OrderStatus, std::string_view>, 7> kNames = {{
    {OrderStatus::kPending, "pending"},
    {OrderStatus::kConfirmed, "confirmed"},
    {OrderStatus::kProcessing, "processing"},
    {OrderStatus::kShipped, "shipped"},
    {OrderStatus::kDelivered, "delivered"},
    {OrderStatus::kCancelled, "cancelled"},
    {OrderStatus::kRefunded, "refunded"},
}};

}  // namespace

std::string_view Name(OrderStatus s) {
  for (const auto& [status, name] : kNames) {
    if (status == s) return name;
  }
  return "";
}

std::optional<OrderStatus> ParseStatus(std::string_view name) {
  for (const auto& [status, n] : kNames) {
    if (n == name) return status;
  }
  return std::nullopt;
}

std::vector<OrderStatus> AllowedTransitions(OrderStatus from) {
  using S = OrderStatus;
  switch (from) {
    case S::kPending: return {S::kConfirmed, S::kCancelled};
    case S::kConfirmed: return {S::kProcessing, S::kCancelled};
    case S::kProcessing: return {S::kShipped, S::kCancelled};
    case S::kShipped: return {S::kDelivered};
    case S::kDelivered:
    case S::kCancelled:
    case S::kRefunded: return {};
  }
  return {};
}

bool CanTransition(OrderStatus from, OrderStatus to) {
  const auto allowed = AllowedTransitions(from);
  return std::find(allowed.begin(), allowed.end(), to) != allowed.end();
}

}  // namespace moderno::orders
