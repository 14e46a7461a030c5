#pragma once
// A background thread that, every interval, reconciles payment attempts left undecided,
// releases expired reservations and refreshes the
// low-stock count for the metric. Several nodes may run it: each order is claimed by a
// conditional update.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "inventory/service.hpp"
#include "workflows/order_changes.hpp"

namespace moderno::workflows {

class Sweeper {
 public:
  Sweeper(OrderChanges& orders, inventory::Service& inventory, std::chrono::seconds interval);
  ~Sweeper();  // stops and joins
  Sweeper(const Sweeper&) = delete;
  Sweeper& operator=(const Sweeper&) = delete;

 private:
  void Loop();
  OrderChanges& orders_;
  inventory::Service& inventory_;
  std::chrono::seconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace moderno::workflows
