#include "platform/metrics/active_users.hpp"

namespace moderno::metrics {

void ActiveUsers::Seen(std::int64_t user_id, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto& at = last_seen_[user_id];
  if (now > at) at = now;
}

std::int64_t ActiveUsers::Count(Clock::time_point now) {
  std::lock_guard lock(mu_);
  std::erase_if(last_seen_, [&](const auto& entry) { return entry.second < now - window_; });
  return static_cast<std::int64_t>(last_seen_.size());
}

}  // namespace moderno::metrics
