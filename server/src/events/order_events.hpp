#pragma once
// The orders domain's events, published live once their transaction commits.
#include "events/hub.hpp"
#include "orders/events.hpp"

namespace moderno::events {

// The live event for an order or stock event: its audience (the order's customer for status
// changes, payments and refunds; staff for everything) and its JSON payload.
Event ToLiveEvent(const orders::OrderEvent& event);

// An orders listener that publishes each event after its transaction commits (a rolled back
// change publishes nothing).
class OrderEventPublisher : public orders::OrderEventSink {
 public:
  explicit OrderEventPublisher(Hub& hub) : hub_(hub) {}
  void OnOrderEvent(db::UnitOfWork& uow, const orders::OrderEvent& event) override;

 private:
  Hub& hub_;
};

}  // namespace moderno::events
