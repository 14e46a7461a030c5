#include "orders/sweeper.hpp"

#include "platform/log/log.hpp"

namespace moderno::orders {

Sweeper::Sweeper(OrderService& orders, std::chrono::seconds interval)
    : orders_(orders), interval_(interval), thread_([this] { Loop(); }) {}

Sweeper::~Sweeper() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Sweeper::Loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    auto released = orders_.SweepExpired();
    if (!released) {
      log::Warn("reservation sweep failed", {{"error", released.error().internal}});
    } else if (*released > 0) {
      log::Info("expired reservations released", {{"orders", static_cast<long long>(*released)}});
    }
    lock.lock();
    cv_.wait_for(lock, interval_, [this] { return stop_; });
  }
}

}  // namespace moderno::orders
