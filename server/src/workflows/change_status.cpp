// Status changes: the staff workflow along the status machine, and cancellation by the customer
// or staff (a paid order is refunded through its provider first, outside any transaction).
#include <boost/json.hpp>

#include "catalog/sales.hpp"
#include "inventory/stock.hpp"
#include "orders/service.hpp"
#include "orders/status.hpp"
#include "workflows/order_changes.hpp"
#include "workflows/support.hpp"

namespace moderno::workflows {
namespace json = boost::json;
using orders::OrderStatus;

Result<orders::Order> OrderChanges::CancelByCustomer(std::int64_t user_id, std::int64_t order_id) {
  auto current = d_.db.Read([&](db::UnitOfWork& uow) -> Result<orders::Order> {
    auto o = steps_.orders().Load(uow, order_id, false);
    if (!o || o->user_id != user_id) return orders::NoOrder(order_id);
    return std::move(*o);
  });
  if (!current) return current;
  if (!current->Is(OrderStatus::kPending) && !current->Is(OrderStatus::kConfirmed)) {
    const std::string status(orders::Name(current->status));
    return Conflict("illegal_transition",
                    "An order can be cancelled by the customer only while pending or confirmed; this one is " + status + ".",
                    json::serialize(json::object{{"status", status}, {"allowed", json::array{}}}));
  }
  audit::AuditEntry who;
  who.actor_user_id = user_id;
  who.actor_role = "customer";
  return ChangeStatus(order_id, "cancelled", std::nullopt, "Cancelado por el cliente", who);
}

Result<OrderChanges::CancelRefund> OrderChanges::RefundForCancel(std::int64_t order_id, OrderStatus to) {
  CancelRefund refund;
  if (to != OrderStatus::kCancelled) return refund;
  auto current = d_.db.Read([&](db::UnitOfWork& uow) -> Result<orders::Order> {
    auto o = steps_.orders().Load(uow, order_id, false);
    if (!o) return orders::NoOrder(order_id);
    return std::move(*o);
  });
  if (!current) return std::unexpected(current.error());
  if (!orders::CanTransition(current->status, to)) return IllegalTransition(current->status, to);
  if (!current->MoneyIn()) return refund;
  refund.amount = current->totals.total_amount - current->refunded_amount;
  auto answer = steps_.RefundAtProvider(*current, refund.amount, "refund-" + current->order_number + "-cancel");
  if (!answer) return std::unexpected(answer.error());
  refund.answer = *answer;
  return refund;
}

void OrderChanges::Cancel(db::UnitOfWork& uow, const orders::Order& o, const CancelRefund& refund,
                          const orders::Actor& actor, const std::optional<std::string>& note) const {
  std::optional<std::string> payment_status;
  if (refund.amount > 0) {
    steps_.RecordRefund(uow, o.id, o.payment_method, refund.amount, refund.answer);
    steps_.orders().AddRefund(uow, o.id, refund.amount);
    payment_status = std::string(orders::kPaymentRefunded);
  } else if (o.payment_status == orders::kPaymentPending) {
    payment_status = std::string(orders::kPaymentFailed);
  }
  steps_.ApplyCancel(uow, o, actor, note.value_or("Cancelado"), payment_status);
}

void OrderChanges::Advance(db::UnitOfWork& uow, const orders::Order& o, OrderStatus to,
                           const std::optional<std::string>& tracking, const std::optional<std::string>& note,
                           const orders::Actor& actor) const {
  std::optional<std::string> text = note;
  if (to == OrderStatus::kShipped) {
    // Goods leave the warehouse: units still reserved (cash on delivery, unpaid transfer) are taken now.
    inventory::CommitReservations(uow, o.id, steps_.Now());
    if (tracking) {
      steps_.orders().SetTracking(uow, o.id, *tracking);
      text = (note ? *note + " — " : std::string()) + "Seguimiento: " + *tracking;
    }
  }
  steps_.Transition(uow, o, to, actor, text);
  if (to != OrderStatus::kDelivered) return;
  if (o.payment_method == payments::kCashOnDelivery && o.payment_status == orders::kPaymentPending) {
    // Cash collected on delivery.
    steps_.orders().SetPaymentReceived(uow, o.id, steps_.Now());
    steps_.RecordPayment(uow, o.id, payments::kCashOnDelivery, "charge", "succeeded", o.totals.total_amount, std::nullopt);
  }
  catalog::RecordSold(uow, steps_.orders().SoldUnits(uow, o.id));
}

Result<orders::Order> OrderChanges::ChangeStatus(std::int64_t order_id, const std::string& to_name,
                                                 const std::optional<std::string>& tracking,
                                                 const std::optional<std::string>& note, const audit::AuditEntry& who) {
  const auto to = orders::ParseStatus(to_name);
  if (!to) {
    return Invalid({{"status", "unknown", "status must be one of pending, confirmed, processing, shipped, delivered, cancelled"}});
  }
  auto refund = RefundForCancel(order_id, *to);
  if (!refund) return std::unexpected(refund.error());
  const orders::Actor actor = ActorOf(who);
  bool stock = false;
  auto r = d_.db.Write([&](db::UnitOfWork& uow) -> Result<orders::Order> {
    const auto& repo = steps_.orders();
    repo.Lock(uow, order_id);
    auto o = repo.Load(uow, order_id, false);
    if (!o) return orders::NoOrder(order_id);
    if (!orders::CanTransition(o->status, *to)) return IllegalTransition(o->status, *to);
    if (*to == OrderStatus::kCancelled) {
      Cancel(uow, *o, *refund, actor, note);
    } else {
      Advance(uow, *o, *to, tracking, note, actor);
    }
    stock = *to == OrderStatus::kCancelled || *to == OrderStatus::kShipped;
    if (actor.kind != "customer") {
      AuditOrder(uow, who, "order.status", o->id,
                 {{"from", orders::Name(o->status)},
                  {"to", orders::Name(*to)},
                  {"tracking_number", tracking ? json::value(*tracking) : json::value(nullptr)}});
    }
    return *repo.Load(uow, order_id, true);
  });
  if (r && stock) steps_.StockChanged();
  return r;
}

}  // namespace moderno::workflows
