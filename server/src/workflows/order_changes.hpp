#pragma once
// The order workflows after checkout: status changes (staff) and cancellation (customer or
// staff, with the refund of a paid order), manual payments, refunds, provider events, and the
// release of reservations whose payment never came.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "orders/model.hpp"
#include "payments/model.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "workflows/deps.hpp"
#include "workflows/redirect_payment.hpp"
#include "workflows/steps.hpp"

namespace moderno::workflows {

class OrderChanges {
 public:
  explicit OrderChanges(Deps& deps) : d_(deps), steps_(deps) {}

  // Customer cancellation while pending or confirmed.
  Result<orders::Order> CancelByCustomer(std::int64_t user_id, std::int64_t order_id);
  // Staff transition along the status machine; 409 naming the allowed ones. Cancelling a paid
  // order refunds what is left through its provider first.
  Result<orders::Order> ChangeStatus(std::int64_t order_id, const std::string& to,
                                     const std::optional<std::string>& tracking, const std::optional<std::string>& note,
                                     const audit::AuditEntry& who);
  // Staff record the payment of a bank transfer or cash-on-delivery order.
  Result<orders::Order> MarkPaid(std::int64_t order_id, const std::optional<std::string>& reference,
                                 const audit::AuditEntry& who);
  // Refunds part or all of what is left; a full refund of goods not shipped puts them back.
  Result<orders::Order> Refund(std::int64_t order_id, std::optional<std::int64_t> amount,
                               const std::optional<std::string>& reason, const audit::AuditEntry& who);
  // A verified provider event, applied once per event id; false for a replay.
  Result<bool> ApplyProviderEvent(const payments::ProviderEvent& event);
  // A new attempt to pay the customer's open order on the provider's page (a retry after a
  // decline or an abort, while the stock is held): the order with its next_action.
  Result<orders::Order> RetryPayment(std::int64_t user_id, std::int64_t order_id);
  // The customer came back from Webpay: the attempt is committed and decided once; the order's
  // id. 400 for a token that is not an attempt of ours or not of the order named.
  Result<std::int64_t> WebpayReturn(const WebpayReturnInput& in);
  // Asks the provider about attempts undecided for longer than `after` and settles them
  // (a commit lost to the network, a customer who never came back); how many were decided.
  Result<int> ReconcilePayments(std::chrono::minutes after = std::chrono::minutes(5));
  // Cancels unpaid card orders past their reservation (safe on several nodes); how many.
  Result<int> SweepExpired();

 private:
  // The refund a cancellation makes of a paid order, through its provider, before the unit of work.
  struct CancelRefund {
    std::int64_t amount = 0;
    payments::RefundOutcome answer;
  };
  Result<CancelRefund> RefundForCancel(std::int64_t order_id, orders::OrderStatus to);
  // Cancels inside the unit of work, recording the refund made.
  void Cancel(db::UnitOfWork& uow, const orders::Order& o, const CancelRefund& refund, const orders::Actor& actor,
              const std::optional<std::string>& note) const;
  // Any other transition: shipment takes reserved units, delivery collects cash and counts sales.
  void Advance(db::UnitOfWork& uow, const orders::Order& o, orders::OrderStatus to,
               const std::optional<std::string>& tracking, const std::optional<std::string>& note,
               const orders::Actor& actor) const;
  // A full refund of an order not cancelled: goods not shipped go back, status refunded.
  void CloseRefunded(db::UnitOfWork& uow, const orders::Order& o, const std::optional<std::string>& reason,
                     const orders::Actor& actor, bool& stock) const;
  // Commits a Webpay attempt, or asks its status when Webpay refuses the commit.
  Result<payments::ChargeOutcome> CommitOrAsk(const std::string& token);
  // Applies what the provider said about an attempt (`reference`) once; true when it decided it.
  Result<bool> DecideRedirectAttempt(const std::string& provider, const std::string& reference,
                                     payments::ChargeOutcome outcome);
  // A Stripe Checkout Session event: its attempt decided once; false for a replayed event.
  Result<bool> ApplyCheckoutEvent(const payments::ProviderEvent& event);
  // The provider event on its order; true when stock moved.
  bool ApplyEventToOrder(db::UnitOfWork& uow, const orders::Order& o, const payments::ProviderEvent& event) const;

  Deps& d_;
  Steps steps_;
};

}  // namespace moderno::workflows
