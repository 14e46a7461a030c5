// Reservations whose card payment never came: the order is cancelled and its stock released.
// Several nodes may sweep at once; each order is claimed by a conditional update.
#include "workflows/order_changes.hpp"

namespace moderno::workflows {
namespace {
constexpr int kBatch = 200;
}  // namespace

Result<int> OrderChanges::SweepExpired() {
  const std::string now = steps_.Now();
  auto due = d_.db.Read([&](db::UnitOfWork& uow) -> Result<std::vector<std::int64_t>> {
    return steps_.orders().Expired(uow, now, kBatch);
  });
  if (!due) return std::unexpected(due.error());
  int released = 0;
  for (std::int64_t id : *due) {
    auto r = d_.db.Write([&](db::UnitOfWork& uow) -> Result<bool> {
      if (!steps_.orders().ClaimExpired(uow, id, now)) return false;
      auto o = steps_.orders().Load(uow, id, false);
      steps_.ApplyCancel(uow, *o, {"system", std::nullopt}, "Reserva vencida: el pago no llegó a tiempo",
                         std::string(orders::kPaymentFailed));
      return true;
    });
    if (r && *r) ++released;
  }
  d_.idempotency.Purge();  // keys live 24 hours
  if (released) steps_.StockChanged();
  return released;
}

}  // namespace moderno::workflows
