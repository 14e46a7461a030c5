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
                      const std::optional<std::string>& reference, const orders::Actor& actor,
                      bool attempt_decided) const {
  const std::string now = Now();
  inventory::CommitReservations(uow, o.id, now);
  orders_.SetPaid(uow, o.id, now);
  // A pending charge row becomes the success; otherwise one is written.
  if (!attempt_decided && !payments::SettlePendingCharge(uow, o.id)) {
    RecordPayment(uow, o.id, provider, "charge", "succeeded", o.totals.total_amount, reference);
  }
  orders::OrderEvent paid = EventFor(orders::kOrderPaid, o);
  paid.amount = o.totals.total_amount;
  paid.provider = provider;
  Emit(uow, paid);
  if (o.Is(OrderStatus::kPending)) Transition(uow, o, OrderStatus::kConfirmed, actor, "Pago recibido");
}

Result<payments::RefundOutcome> Steps::RefundAtProvider(const orders::Order& o, std::int64_t amount,
                                                        const std::string& idempotency_key) const {
  if (!o.payment_reference || amount <= 0) return payments::RefundOutcome{};
  if (auto* redirect = d_.providers.RedirectFor(o.payment_method)) {
    return redirect->Refund(*o.payment_reference, amount, idempotency_key);
  }
  if (auto* gateway = d_.providers.GatewayFor(o.payment_method)) {
    auto ref = gateway->Refund(*o.payment_reference, amount, idempotency_key);
    if (!ref) return std::unexpected(ref.error());
    return payments::RefundOutcome{*ref, {}};
  }
  return payments::RefundOutcome{};
}

void Steps::RecordRefund(db::UnitOfWork& uow, std::int64_t order_id, const std::string& provider, std::int64_t amount,
                         const payments::RefundOutcome& answer) const {
  payments::PaymentRecord r{order_id, provider, "refund", "succeeded", amount,
                            answer.reference.empty() ? std::nullopt : std::optional<std::string>(answer.reference)};
  r.provider_status = answer.provider_status;
  payments::Record(uow, r, Now());
}

void Steps::ApplyCancel(db::UnitOfWork& uow, const orders::Order& o, const orders::Actor& actor, const std::string& note,
                        const std::optional<std::string>& payment_status) const {
  inventory::ReleaseReservations(uow, o.id, !o.GoodsLeft(), Now());
  promotions::Release(uow, o.id);
  orders_.EndReservation(uow, o.id, payment_status);
  Transition(uow, o, OrderStatus::kCancelled, actor, note);
}

}  // namespace moderno::workflows
