#include "workflows/sweeper.hpp"

#include "platform/log/log.hpp"

namespace moderno::workflows {

Sweeper::Sweeper(OrderChanges& orders, inventory::Service& inventory, std::chrono::seconds interval)
    : orders_(orders), inventory_(inventory), interval_(interval), thread_([this] { Loop(); }) {}

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
    // Attempts whose outcome never came back are asked about first, so that a payment made
    // just before its reservation ended counts.
    if (auto decided = orders_.ReconcilePayments(); !decided) {
      log::Warn("payment reconciliation failed", {{"error", decided.error().internal}});
    } else if (*decided > 0) {
      log::Info("payments reconciled", {{"attempts", static_cast<long long>(*decided)}});
    }
    auto released = orders_.SweepExpired();
    if (!released) {
      log::Warn("reservation sweep failed", {{"error", released.error().internal}});
    } else if (*released > 0) {
      log::Info("expired reservations released", {{"orders", static_cast<long long>(*released)}});
    }
    if (auto alerts = inventory_.RefreshOpenAlerts(); !alerts) {
      log::Warn("low-stock count failed", {{"error", alerts.error().internal}});
    }
    lock.lock();
    cv_.wait_for(lock, interval_, [this] { return stop_; });
  }
}

}  // namespace moderno::workflows
