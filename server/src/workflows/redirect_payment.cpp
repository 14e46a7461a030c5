// Card payments on the provider's page. An attempt is a pending charge row whose reference is
// the provider's (a Webpay token); it is decided once by a conditional update, whichever comes
// first of the customer's return (commit), another node's return, or reconciliation. A
// declined or aborted attempt leaves the order pending with its stock held, so the customer
// may try again until the reservation ends.
#include "workflows/redirect_payment.hpp"

#include "orders/service.hpp"
#include "payments/ledger.hpp"
#include "platform/log/log.hpp"
#include "workflows/order_changes.hpp"
#include "workflows/support.hpp"

namespace moderno::workflows {
namespace {

using orders::OrderStatus;
using Kind = payments::ChargeOutcome::Kind;

std::unexpected<Error> NotPayable(const orders::Order& o) {
  return Conflict("not_payable", "This order can no longer be paid: it is " + std::string(orders::Name(o.status)) +
                                     ", its payment " + o.payment_status + " and its stock " +
                                     (o.reserved_until ? "held" : "no longer held") + ".");
}

bool Payable(const orders::Order& o, const std::string& now) {
  return o.Is(OrderStatus::kPending) && o.payment_status == orders::kPaymentPending && o.reserved_until &&
         *o.reserved_until > now;
}

std::unexpected<Error> Refused(const std::string& why) {
  return Fail(Errc::kMalformed, "This payment return does not belong to any payment of this shop.", why);
}

// The lines the provider's page shows: each item after its discount, shipping, and what else
// makes the total (tax added on top); one line with the total when they cannot add up to it.
std::vector<std::pair<std::string, std::int64_t>> PageLines(const orders::Order& o) {
  std::vector<std::pair<std::string, std::int64_t>> lines;
  std::int64_t sum = 0;
  for (const auto& i : o.items) {
    const std::int64_t amount = i.line_total - i.discount_amount;
    if (amount <= 0) continue;
    lines.emplace_back(std::to_string(i.quantity) + " x " + i.name + (i.variant_name ? " (" + *i.variant_name + ")" : ""),
                       amount);
    sum += amount;
  }
  if (o.totals.shipping_amount > 0) {
    lines.emplace_back("Despacho", o.totals.shipping_amount);
    sum += o.totals.shipping_amount;
  }
  if (sum < o.totals.total_amount) lines.emplace_back("IVA", o.totals.total_amount - sum);
  if (sum > o.totals.total_amount || lines.empty()) return {{"Pedido " + o.order_number, o.totals.total_amount}};
  return lines;
}

}  // namespace

Result<orders::Order> StartRedirectAttempt(Deps& d, const Steps& steps, std::int64_t order_id,
                                           std::optional<std::int64_t> user_id) {
  payments::RedirectRequest req;
  auto current = d.db.Read([&](db::UnitOfWork& uow) -> Result<orders::Order> {
    auto o = steps.orders().Load(uow, order_id, true);
    if (!o || (user_id && o->user_id != *user_id)) return orders::NoOrder(order_id);
    if (!Payable(*o, steps.Now())) return NotPayable(*o);
    req.attempt_id = o->order_number + "-" + std::to_string(payments::CountAttempts(uow, order_id) + 1);
    return std::move(*o);
  });
  if (!current) return current;
  payments::RedirectGateway* gateway = d.providers.RedirectFor(current->payment_method);
  if (!gateway) return NotPayable(*current);
  req.amount = current->totals.total_amount;
  req.currency = current->currency;
  req.order_number = current->order_number;
  req.order_id = order_id;
  const std::string base = d.public_url ? d.public_url() : std::string();
  const std::string page = base + "/cuenta/pedidos/" + std::to_string(order_id) + "/pago";
  // Webpay comes back to us (the commit decides); Stripe back to the page (the webhook decides).
  req.return_url = gateway->name() == payments::kWebpay
                       ? base + "/api/v1/payments/webpay/return?order=" + std::to_string(order_id)
                       : page + "?session_id={CHECKOUT_SESSION_ID}";
  req.cancel_url = page + "?cancelled=1";
  req.lines = PageLines(*current);
  // Outside any transaction: a network call never holds a connection.
  auto started = gateway->Start(req);
  if (!started) return std::unexpected(started.error());
  auto r = d.db.Write([&](db::UnitOfWork& uow) -> Result<orders::Order> {
    steps.orders().Lock(uow, order_id);
    auto o = steps.orders().Load(uow, order_id, false);
    if (!o || !Payable(*o, steps.Now())) return NotPayable(o ? *o : *current);
    // A double click may start the same attempt twice (the provider's idempotency gives the
    // same session back): one row per reference.
    if (!payments::FindAttempt(uow, gateway->name(), started->reference)) {
      steps.RecordPayment(uow, order_id, gateway->name(), "charge", "pending", o->totals.total_amount, started->reference);
    }
    steps.orders().SetPaymentReference(uow, order_id, started->reference, steps.Now());
    return *steps.orders().Load(uow, order_id, true);
  });
  if (r) r->next_action_redirect = orders::RedirectAction{started->url, started->method, started->fields};
  return r;
}

Result<orders::Order> OrderChanges::RetryPayment(std::int64_t user_id, std::int64_t order_id) {
  return StartRedirectAttempt(d_, steps_, order_id, user_id);
}

Result<std::int64_t> OrderChanges::WebpayReturn(const WebpayReturnInput& in) {
  if (!d_.providers.RedirectFor(payments::kWebpay)) return Fail(Errc::kNotFound, "Webpay is not enabled in this shop.");
  // An abort carries TBK_TOKEN (a timeout carries token_ws too): no commit, the attempt failed.
  const bool aborted = in.tbk_token.has_value();
  const std::optional<std::string>& token = aborted ? in.tbk_token : in.token_ws;
  if (!token || token->empty() || token->size() > 100) return Refused("Webpay return without a token");
  struct Found {
    payments::Attempt attempt;
    std::string order_number;
    bool open = false;
  };
  auto found = d_.db.Read([&](db::UnitOfWork& uow) -> Result<Found> {
    auto a = payments::FindAttempt(uow, payments::kWebpay, *token);
    if (!a) return Refused("unknown Webpay token");
    auto o = steps_.orders().Load(uow, a->order_id, false);
    return Found{*a, o->order_number, o->Is(OrderStatus::kPending) && o->payment_status == orders::kPaymentPending};
  });
  if (!found) return std::unexpected(found.error());
  const auto& [attempt, order_number, open] = *found;
  if (in.order && *in.order != attempt.order_id) return Refused("Webpay token of another order");
  if (aborted && (!in.tbk_buy_order || !in.tbk_buy_order->starts_with(order_number + "-") ||
                  in.tbk_session != std::to_string(attempt.order_id))) {
    return Refused("TBK_ORDEN_COMPRA or TBK_ID_SESION do not match the token's order");
  }
  if (attempt.status != "pending") return attempt.order_id;  // decided before: a duplicate return
  payments::ChargeOutcome outcome;
  if (aborted || !open) {
    // Not committed: Webpay reverses an attempt that is never committed, so the customer of an
    // order cancelled meanwhile (reservation expired) is not charged.
    outcome.kind = Kind::kDeclined;
    outcome.reference = *token;
    outcome.failure_code = !open ? "order_closed" : in.token_ws ? "timeout" : "aborted";
    outcome.failure_message = !open         ? "El pedido ya no esperaba este pago."
                              : in.token_ws ? "El tiempo para pagar en Webpay se agotó."
                                            : "El pago fue anulado en Webpay.";
  } else {
    auto committed = CommitOrAsk(*token);
    if (!committed) {
      // Unknown fate (network): the order stays pending; reconciliation asks Webpay later.
      log::Warn("webpay commit failed", {{"order", order_number}, {"error", committed.error().internal}});
      return attempt.order_id;
    }
    outcome = *committed;
  }
  auto decided = DecideRedirectAttempt(payments::kWebpay, *token, outcome);
  if (!decided) return std::unexpected(decided.error());
  return attempt.order_id;
}

Result<payments::ChargeOutcome> OrderChanges::CommitOrAsk(const std::string& token) {
  payments::RedirectGateway* gateway = d_.providers.RedirectFor(payments::kWebpay);
  auto committed = gateway->Confirm(token);
  // Refused: committed before (another node, a lost answer) or not paid yet; the status tells.
  if (!committed && committed.error().code == Errc::kConflict) return gateway->Query(token);
  return committed;
}

Result<bool> OrderChanges::DecideRedirectAttempt(const std::string& provider, const std::string& reference,
                                                 payments::ChargeOutcome outcome) {
  if (outcome.kind == Kind::kPending) return false;
  auto r = d_.db.Write([&](db::UnitOfWork& uow) -> Result<bool> {
    auto attempt = payments::FindAttempt(uow, provider, reference);
    if (!attempt) return false;
    steps_.orders().Lock(uow, attempt->order_id);
    auto o = steps_.orders().Load(uow, attempt->order_id, false);
    if (outcome.kind == Kind::kSucceeded && outcome.amount != attempt->amount) {
      // Webpay charged another amount than asked: never taken as this order's payment.
      log::Warn("payment amount differs", {{"order", o->order_number}, {"reference", reference}});
      outcome.kind = Kind::kDeclined;
      outcome.failure_code = "amount_mismatch";
    }
    if (!payments::DecideAttempt(uow, attempt->id, outcome)) return false;  // decided before
    if (outcome.kind != Kind::kSucceeded) return true;
    if (o->Is(OrderStatus::kPending) && o->payment_status == orders::kPaymentPending) {
      steps_.ApplyPaid(uow, *o, provider, reference, {"payment", std::nullopt}, true);
    } else {
      // Paid after the order was cancelled (reservation expired) or paid twice: staff refund it.
      if (!o->MoneyIn()) steps_.orders().SetPaymentReceived(uow, o->id, steps_.Now());
      log::Warn("payment succeeded for an order not awaiting one", {{"order", o->order_number}, {"reference", reference}});
    }
    return true;
  });
  if (r && *r && outcome.kind == Kind::kSucceeded) steps_.StockChanged();
  return r;
}

Result<int> OrderChanges::ReconcilePayments(std::chrono::minutes after) {
  const std::string before = time::ToSql(d_.clock() - after);
  int decided = 0;
  for (const char* provider : {payments::kWebpay, payments::kStripeCheckout}) {
    payments::RedirectGateway* gateway = d_.providers.RedirectFor(provider);
    if (!gateway) continue;
    auto due = d_.db.Read([&](db::UnitOfWork& uow) -> Result<std::vector<std::pair<std::string, std::int64_t>>> {
      return payments::UndecidedAttempts(uow, provider, before, 100);
    });
    if (!due) return std::unexpected(due.error());
    for (const auto& [reference, order_id] : *due) {
      // Webpay: a commit, since the customer may have paid and never come back (an attempt
      // Webpay would otherwise reverse); one still on the form answers as its status.
      auto outcome = gateway == d_.providers.RedirectFor(payments::kWebpay) ? CommitOrAsk(reference)
                                                                             : gateway->Query(reference);
      if (!outcome) {
        log::Warn("payment reconciliation of an attempt failed",
                  {{"order_id", static_cast<long long>(order_id)}, {"error", outcome.error().internal}});
        continue;
      }
      auto r = DecideRedirectAttempt(provider, reference, *outcome);
      if (r && *r) ++decided;
    }
  }
  return decided;
}

}  // namespace moderno::workflows
