#pragma once
// What happens to orders and stock, told to whoever listens (notifications, live events,
// analytics rollups) inside the transaction that made it happen: a listener that writes (a job,
// a rollup row) commits or rolls back with the change; one with a side effect outside the
// database registers it with uow.AfterCommit. Listeners never fail the change: they log.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "orders/model.hpp"
#include "platform/db/db.hpp"

namespace moderno::orders {

// Kinds of OrderEvent::kind.
inline constexpr const char* kOrderPlaced = "order.placed";            // new order, status pending
inline constexpr const char* kOrderStatusChanged = "order.status_changed";  // from -> to
inline constexpr const char* kOrderPaid = "order.paid";                // payment received
inline constexpr const char* kOrderRefunded = "order.refunded";        // money back (amount)
inline constexpr const char* kStockLow = "stock.low";                  // a low-stock alert opened

struct OrderEvent {
  std::string kind;
  // The order as it was before this change (status = from_status); no items, history or payments.
  // Unset for stock.low.
  std::optional<Order> order;
  std::string from_status, to_status;  // status_changed
  std::optional<std::string> note;     // status_changed: the staff or system note
  std::int64_t amount = 0;             // paid, refunded
  std::string provider;                // paid: manual, cod, sandbox, stripe
  // stock.low
  std::int64_t alert_id = 0, product_id = 0, inventory_id = 0, warehouse_id = 0;
  std::optional<std::int64_t> variant_id;
  std::int64_t available = 0, reorder_point = 0;
  std::string at;  // when, SQL UTC timestamp
};

// A listener; the order workflows call every registered one, in registration order.
class OrderEventSink {
 public:
  virtual ~OrderEventSink() = default;
  virtual void OnOrderEvent(db::UnitOfWork& uow, const OrderEvent& event) = 0;
};

// The registered listeners. Register before serving; a sink must outlive this list.
class EventSinks {
 public:
  void Add(OrderEventSink* sink) { sinks_.push_back(sink); }
  // Tells every sink; a sink that throws is logged and skipped (the change still commits),
  // except for a database error, which rolls the unit of work back.
  void Emit(db::UnitOfWork& uow, const OrderEvent& event) const;

 private:
  std::vector<OrderEventSink*> sinks_;
};

}  // namespace moderno::orders
