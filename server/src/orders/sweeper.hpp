#pragma once
// A background thread that releases expired reservations every interval (and refreshes the
// low-stock count for the metric). Several nodes may run it: each order is claimed by a
// conditional update.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "orders/order_service.hpp"

namespace moderno::orders {

class Sweeper {
 public:
  Sweeper(OrderService& orders, std::chrono::seconds interval);
  ~Sweeper();  // stops and joins
  Sweeper(const Sweeper&) = delete;
  Sweeper& operator=(const Sweeper&) = delete;

 private:
  void Loop();
  OrderService& orders_;
  std::chrono::seconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace moderno::orders
