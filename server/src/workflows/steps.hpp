#pragma once
// Steps several order workflows share, each inside the caller's unit of work: a status change
// with its history and event, payment received, cancellation (the compensation of a
// reservation), and the events that tell listeners.
#include <optional>
#include <string>

#include "orders/events.hpp"
#include "orders/model.hpp"
#include "orders/repository.hpp"
#include "workflows/deps.hpp"

namespace moderno::workflows {

class Steps {
 public:
  explicit Steps(Deps& deps) : d_(deps), orders_(deps.cipher) {}

  const orders::Repository& orders() const { return orders_; }
  std::string Now() const { return time::ToSql(d_.clock()); }

  // The event of `kind` about `o` as it is now.
  orders::OrderEvent EventFor(const char* kind, const orders::Order& o) const;
  void Emit(db::UnitOfWork& uow, const orders::OrderEvent& event) const { d_.sinks.Emit(uow, event); }
  // Status change with history and the status_changed event.
  void Transition(db::UnitOfWork& uow, const orders::Order& o, orders::OrderStatus to, const orders::Actor& actor,
                  const std::optional<std::string>& note) const;
  // Payment received: stock committed, payment recorded (a pending charge settles), paid event,
  // and a pending order confirmed.
  // `attempt_decided`: the caller already marked the paying attempt's row succeeded.
  void ApplyPaid(db::UnitOfWork& uow, const orders::Order& o, const std::string& provider,
                 const std::optional<std::string>& reference, const orders::Actor& actor,
                 bool attempt_decided = false) const;
  // Cancelled: stock back (to the shelf unless the goods left), coupon use back, reservation
  // ended, `payment_status` set when given, history.
  void ApplyCancel(db::UnitOfWork& uow, const orders::Order& o, const orders::Actor& actor, const std::string& note,
                   const std::optional<std::string>& payment_status) const;
  // Records a payment row of the order.
  void RecordPayment(db::UnitOfWork& uow, std::int64_t order_id, const std::string& provider, const std::string& kind,
                     const std::string& status, std::int64_t amount, const std::optional<std::string>& reference,
                     const std::string& failure_code = {}, const std::string& failure_message = {}) const;
  // Refunds `amount` of a paid order at its provider, outside any transaction: the provider's
  // answer, or an empty one for methods staff settle (nothing to call).
  Result<payments::RefundOutcome> RefundAtProvider(const orders::Order& o, std::int64_t amount,
                                                   const std::string& idempotency_key) const;
  // Records a refund row with the provider's answer.
  void RecordRefund(db::UnitOfWork& uow, std::int64_t order_id, const std::string& provider, std::int64_t amount,
                    const payments::RefundOutcome& answer) const;
  // Tells the catalog that stock moved (after the commit).
  void StockChanged() const {
    if (d_.stock_changed) d_.stock_changed();
  }

 private:
  Deps& d_;
  orders::Repository orders_;
};

}  // namespace moderno::workflows
