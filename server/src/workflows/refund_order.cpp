// Refunds: part or all of what is left of a paid order, through its provider first (outside
// any transaction), then recorded; a full refund closes the order.
#include <boost/json.hpp>

#include "inventory/stock.hpp"
#include "orders/service.hpp"
#include "promotions/coupons.hpp"
#include "workflows/order_changes.hpp"
#include "workflows/support.hpp"

namespace moderno::workflows {
namespace json = boost::json;
using orders::OrderStatus;

void OrderChanges::CloseRefunded(db::UnitOfWork& uow, const orders::Order& o, const std::optional<std::string>& reason,
                                 const orders::Actor& actor, bool& stock) const {
  if (o.Is(OrderStatus::kCancelled)) return;
  if (!o.GoodsLeft()) {
    // Goods not yet shipped go back to the shelf, and the coupon's use back to the customer.
    inventory::ReleaseReservations(uow, o.id, true, steps_.Now());
    promotions::Release(uow, o.id);
    stock = true;
  }
  steps_.Transition(uow, o, OrderStatus::kRefunded, actor, reason);
}

Result<orders::Order> OrderChanges::Refund(std::int64_t order_id, std::optional<std::int64_t> amount,
                                           const std::optional<std::string>& reason, const audit::AuditEntry& who) {
  auto current = d_.db.Read([&](db::UnitOfWork& uow) -> Result<orders::Order> {
    auto o = steps_.orders().Load(uow, order_id, false);
    if (!o) return orders::NoOrder(order_id);
    return std::move(*o);
  });
  if (!current) return current;
  if (!current->MoneyIn()) {
    return Conflict("not_paid", "Only a paid order can be refunded; this one's payment is " + current->payment_status + ".");
  }
  const std::int64_t refundable = current->totals.total_amount - current->refunded_amount;
  const std::int64_t value = amount.value_or(refundable);
  if (value < 1 || value > refundable) {
    return Invalid({{"amount", "out_of_range", "amount must be from 1 to " + std::to_string(refundable)}});
  }
  auto answer = steps_.RefundAtProvider(*current, value,
                                        "refund-" + current->order_number + "-" + std::to_string(current->refunded_amount) +
                                            "-" + std::to_string(value));
  if (!answer) return std::unexpected(answer.error());
  bool stock = false;
  auto r = d_.db.Write([&](db::UnitOfWork& uow) -> Result<orders::Order> {
    const auto& repo = steps_.orders();
    auto o = repo.Load(uow, order_id, false);
    if (!o) return orders::NoOrder(order_id);
    if (!repo.AddRefundIfUnchanged(uow, order_id, value, current->refunded_amount, steps_.Now())) {
      return Conflict("concurrent_refund", "Another refund of this order happened meanwhile; reload and retry.");
    }
    steps_.RecordRefund(uow, order_id, o->payment_method, value, *answer);
    const bool full = current->refunded_amount + value == o->totals.total_amount;
    repo.SetPaymentStatus(uow, order_id, full ? orders::kPaymentRefunded : orders::kPaymentPartiallyRefunded);
    orders::OrderEvent refunded = steps_.EventFor(orders::kOrderRefunded, *o);
    refunded.amount = value;
    refunded.note = reason;
    steps_.Emit(uow, refunded);
    if (full) CloseRefunded(uow, *o, reason, {"staff", who.actor_user_id}, stock);
    AuditOrder(uow, who, "order.refund", order_id,
               {{"amount", value}, {"reason", reason ? json::value(*reason) : json::value(nullptr)}});
    return *repo.Load(uow, order_id, true);
  });
  if (r && stock) steps_.StockChanged();
  return r;
}

}  // namespace moderno::workflows
