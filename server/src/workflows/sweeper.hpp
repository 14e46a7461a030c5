#pragma once
// One sweep of the order flow's leftovers: reconciles payment attempts left undecided, then
// releases expired reservations. The app runs it once per tick across every node under the
// "reservation-sweep" lease (platform/schedule); each order is also claimed by a conditional
// update, so a sweep run by hand beside it changes nothing twice.
#include "workflows/order_changes.hpp"

namespace moderno::workflows {

class Sweeper {
 public:
  explicit Sweeper(OrderChanges& orders) : orders_(orders) {}
  // One sweep; false when a step failed (logged).
  bool RunOnce();

 private:
  OrderChanges& orders_;
};

}  // namespace moderno::workflows
