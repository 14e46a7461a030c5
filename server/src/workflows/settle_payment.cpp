// Payments settled after checkout: staff record a bank transfer or cash, and verified provider
// events (a webhook) confirm, fail or refund card payments, once per event id.
#include <boost/json.hpp>
#include <algorithm>

#include "orders/service.hpp"
#include "payments/ledger.hpp"
#include "payments/providers.hpp"
#include "platform/log/log.hpp"
#include "workflows/order_changes.hpp"
#include "workflows/support.hpp"

namespace moderno::workflows {
namespace json = boost::json;
using orders::OrderStatus;

Result<orders::Order> OrderChanges::MarkPaid(std::int64_t order_id, const std::optional<std::string>& reference,
                                             const audit::AuditEntry& who) {
  auto r = d_.db.Write([&](db::UnitOfWork& uow) -> Result<orders::Order> {
    const auto& repo = steps_.orders();
    repo.Lock(uow, order_id);
    auto o = repo.Load(uow, order_id, false);
    if (!o) return orders::NoOrder(order_id);
    if (!payments::Providers::StaffSettled(o->payment_method)) {
      return Conflict("not_manual_payment",
                      "Only bank transfer and cash-on-delivery orders are marked paid by staff; card payments are "
                      "confirmed by the provider.");
    }
    if (o->payment_status != orders::kPaymentPending || o->Is(OrderStatus::kCancelled)) {
      return Conflict("already_settled", "This order's payment is " + o->payment_status + " and its status " +
                                             std::string(orders::Name(o->status)) + ".");
    }
    steps_.ApplyPaid(uow, *o, o->payment_method, reference, {"staff", who.actor_user_id});
    AuditOrder(uow, who, "order.mark_paid", o->id,
               {{"amount", o->totals.total_amount}, {"reference", reference ? json::value(*reference) : json::value(nullptr)}});
    return *repo.Load(uow, order_id, true);
  });
  if (r) steps_.StockChanged();
  return r;
}

bool OrderChanges::ApplyEventToOrder(db::UnitOfWork& uow, const orders::Order& o, const payments::ProviderEvent& event) const {
  const auto& repo = steps_.orders();
  const bool open = o.Is(OrderStatus::kPending) && o.payment_status == orders::kPaymentPending;
  if (event.type == "payment_intent.succeeded") {
    if (open) {
      steps_.ApplyPaid(uow, o, payments::kStripe, event.reference, {"payment", std::nullopt});
      return true;
    }
    if (o.Is(OrderStatus::kCancelled) && o.payment_status != orders::kPaymentPaid) {
      // Paid after the reservation expired: staff must refund or re-open it.
      repo.SetPaymentReceived(uow, o.id, steps_.Now());
      steps_.RecordPayment(uow, o.id, payments::kStripe, "charge", "succeeded", event.amount, event.reference);
      log::Warn("payment succeeded for a cancelled order", {{"order", o.order_number}});
    }
  } else if (event.type == "payment_intent.payment_failed") {
    if (open) {
      payments::FailPendingCharge(uow, o.id, event.failure_code);
      steps_.ApplyCancel(uow, o, {"payment", std::nullopt}, "Pago rechazado", std::string(orders::kPaymentFailed));
      return true;
    }
  } else if (event.type == "charge.refunded") {
    // Stripe reports the total refunded so far; refunds made here already count.
    const std::int64_t refunded = std::min(event.amount, o.totals.total_amount);
    if (refunded > o.refunded_amount) {
      steps_.RecordPayment(uow, o.id, payments::kStripe, "refund", "succeeded", refunded - o.refunded_amount, event.reference);
      repo.SetRefunded(uow, o.id, refunded,
                       refunded == o.totals.total_amount ? orders::kPaymentRefunded : orders::kPaymentPartiallyRefunded,
                       steps_.Now());
    }
  }
  return false;
}

Result<bool> OrderChanges::ApplyCheckoutEvent(const payments::ProviderEvent& event) {
  payments::ChargeOutcome outcome;
  outcome.reference = event.session_id;
  outcome.amount = event.amount;
  outcome.provider_status = event.payment_status;
  const bool paid = event.type == "checkout.session.async_payment_succeeded" ||
                    (event.type == "checkout.session.completed" && event.payment_status == "paid");
  if (paid) {
    outcome.kind = payments::ChargeOutcome::Kind::kSucceeded;
  } else if (event.type == "checkout.session.async_payment_failed" || event.type == "checkout.session.expired") {
    outcome.kind = payments::ChargeOutcome::Kind::kDeclined;
    outcome.failure_code = event.type == "checkout.session.expired" ? "expired" : "async_payment_failed";
  }
  // The attempt is decided once (a replayed or concurrent event finds it decided); the event id
  // is kept too, so the answer tells a replay.
  auto decided = DecideRedirectAttempt(payments::kStripeCheckout, event.session_id, outcome);
  if (!decided) return std::unexpected(decided.error());
  return d_.db.Write([&](db::UnitOfWork& uow) -> Result<bool> {
    return payments::ClaimEvent(uow, payments::kStripe, event.id, event.type, steps_.Now());
  });
}

Result<bool> OrderChanges::ApplyProviderEvent(const payments::ProviderEvent& event) {
  if (event.type.starts_with("checkout.session.")) return ApplyCheckoutEvent(event);
  bool stock = false;
  auto r = d_.db.Write([&](db::UnitOfWork& uow) -> Result<bool> {
    if (!payments::ClaimEvent(uow, payments::kStripe, event.id, event.type, steps_.Now())) return false;
    const auto order_id = steps_.orders().FindByPaymentReference(uow, event.reference);
    if (!order_id) {
      log::Warn("payment event for no known order", {{"event", event.id}, {"type", event.type}});
      return true;
    }
    stock = ApplyEventToOrder(uow, *steps_.orders().Load(uow, *order_id, false), event);
    return true;
  });
  if (r && stock) steps_.StockChanged();
  return r;
}

}  // namespace moderno::workflows
