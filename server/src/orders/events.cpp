#include "orders/events.hpp"

#include "platform/log/log.hpp"

namespace moderno::orders {

void EventSinks::Emit(db::UnitOfWork& uow, const OrderEvent& event) const {
  for (OrderEventSink* sink : sinks_) {
    try {
      sink->OnOrderEvent(uow, event);
    } catch (const db::DbError&) {
      throw;  // the transaction is broken: let it roll back and retry
    } catch (const std::exception& e) {
      log::Error("order event listener failed", {{"kind", event.kind}, {"error", e.what()}});
    }
  }
}

}  // namespace moderno::orders
