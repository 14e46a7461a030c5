#include "workflows/steps.hpp"

#include "inventory/stock.hpp"
#include "payments/ledger.hpp"
#include "promotions/coupons.hpp"

namespace moderno::workflows {

using orders::OrderStatus;

orders::OrderEvent Steps::EventFor(const char* kind, const orders::Order& o) const {
  orders::OrderEvent e;
  e.kind = kind;
  e.order = o;
  e.at = Now();
  return e;
}

void Steps::Transition(db::UnitOfWork& uow, const orders::Order& o, OrderStatus to, const orders::Actor& actor,
                       const std::optional<std::string>& note) const {
  orders_.SetStatus(uow, o.id, o.status, to, actor, note, Now());
  orders::OrderEvent event = EventFor(orders::kOrderStatusChanged, o);
  event.from_status = std::string(orders::Name(o.status));
  event.to_status = std::string(orders::Name(to));
  event.note = note;
  Emit(uow, event);
}

void Steps::RecordPayment(db::UnitOfWork& uow, std::int64_t order_id, const std::string& provider, const std::string& kind,
                          const std::string& status, std::int64_t amount, const std::optional<std::string>& reference,
                          const std::string& failure_code, const std::string& failure_message) const {
  payments::Record(uow, {order_id, provider, kind, status, amount, reference, failure_code, failure_message}, Now());
}

void Steps::ApplyPaid(db::UnitOfWork& uow, const orders::Order& o, const std::string& provider,
                      const std::optional<std::string>& reference, const orders::Actor& actor) const {
  const std::string now = Now();
  inventory::CommitReservations(uow, o.id, now);
  orders_.SetPaid(uow, o.id, now);
  // A pending charge row becomes the success; otherwise one is written.
  if (!payments::SettlePendingCharge(uow, o.id)) {
    RecordPayment(uow, o.id, provider, "charge", "succeeded", o.totals.total_amount, reference);
  }
  orders::OrderEvent paid = EventFor(orders::kOrderPaid, o);
  paid.amount = o.totals.total_amount;
  paid.provider = provider;
  Emit(uow, paid);
  if (o.Is(OrderStatus::kPending)) Transition(uow, o, OrderStatus::kConfirmed, actor, "Pago recibido");
}

void Steps::ApplyCancel(db::UnitOfWork& uow, const orders::Order& o, const orders::Actor& actor, const std::string& note,
                        const std::optional<std::string>& payment_status) const {
  inventory::ReleaseReservations(uow, o.id, !o.GoodsLeft(), Now());
  promotions::Release(uow, o.id);
  orders_.EndReservation(uow, o.id, payment_status);
  Transition(uow, o, OrderStatus::kCancelled, actor, note);
}

}  // namespace moderno::workflows
