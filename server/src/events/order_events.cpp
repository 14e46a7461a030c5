#include "events/order_events.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <ctime>

#include "platform/log/log.hpp"

namespace moderno::events {

namespace {
// "YYYY-MM-DD HH:MM:SS" (SQL, UTC) -> ISO 8601; now when absent.
std::string IsoTime(const std::string& sql) {
  if (sql.size() >= 19) return sql.substr(0, 10) + "T" + sql.substr(11, 8) + "Z";
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}
}  // namespace

Event ToLiveEvent(const orders::OrderEvent& e) {
  namespace json = boost::json;
  Event out;
  out.type = e.kind;
  out.staff = true;
  json::object data{{"type", e.kind}, {"at", IsoTime(e.at)}};
  if (e.order) {
    const orders::Order& o = *e.order;
    // The order as it is after this change (the event carries it as it was before).
    std::string status(orders::Name(o.status));
    std::string payment_status = o.payment_status;
    if (e.kind == orders::kOrderStatusChanged) status = e.to_status;
    if (e.kind == orders::kOrderPaid) payment_status = "paid";
    data["order_id"] = o.id;
    data["order_number"] = o.order_number;
    data["status"] = status;
    data["payment_status"] = payment_status;
    data["currency"] = o.currency;
    data["total_amount"] = o.totals.total_amount;
    if (e.kind == orders::kOrderStatusChanged) {
      data["from_status"] = e.from_status;
      data["to_status"] = e.to_status;
    }
    if (e.kind == orders::kOrderPaid || e.kind == orders::kOrderRefunded) data["amount"] = e.amount;
    if (e.kind == orders::kOrderPaid) data["provider"] = e.provider;
    // Customers see what happens to their own orders after they placed them.
    if (e.kind != orders::kOrderPlaced && o.user_id > 0) out.customer_id = o.user_id;
  } else {
    data["alert_id"] = e.alert_id;
    data["product_id"] = e.product_id;
    data["variant_id"] = e.variant_id ? json::value(*e.variant_id) : json::value(nullptr);
    data["warehouse_id"] = e.warehouse_id;
    data["inventory_id"] = e.inventory_id;
    data["available"] = e.available;
    data["reorder_point"] = e.reorder_point;
  }
  out.data = json::serialize(data);
  return out;
}

void OrderEventPublisher::OnOrderEvent(db::UnitOfWork& uow, const orders::OrderEvent& event) {
  try {
    uow.AfterCommit([&hub = hub_, live = ToLiveEvent(event)]() mutable { hub.Publish(std::move(live)); });
  } catch (const std::exception& ex) {
    log::Error("events: could not publish an order event", {{"kind", event.kind}, {"error", ex.what()}});
  }
}

}  // namespace moderno::events
