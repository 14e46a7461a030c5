#pragma once
// Signed-in users seen by this node recently: the authenticator notes each user id it accepts,
// and a periodic task counts (and forgets) them. Memory is one entry per user seen within the
// window, no more.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <unordered_map>

namespace moderno::metrics {

class ActiveUsers {
 public:
  using Clock = std::chrono::steady_clock;
  explicit ActiveUsers(Clock::duration window = std::chrono::minutes(5)) : window_(window) {}
  // Notes that `user_id` made an authenticated request at `now`.
  void Seen(std::int64_t user_id, Clock::time_point now = Clock::now());
  // Forgets users not seen within the window before `now` and returns how many remain.
  std::int64_t Count(Clock::time_point now = Clock::now());

 private:
  Clock::duration window_;
  std::mutex mu_;
  std::unordered_map<std::int64_t, Clock::time_point> last_seen_;
};

}  // namespace moderno::metrics
