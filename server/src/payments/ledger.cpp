#include "payments/ledger.hpp"

#include "payments/queries.hpp"
#include "platform/db/retry.hpp"

namespace moderno::payments {
namespace {
db::Value TextOrNull(const std::string& s) { return s.empty() ? db::Value(db::kNull) : db::Value(s); }
}  // namespace

void Record(db::UnitOfWork& uow, const PaymentRecord& p, const std::string& now_sql) {
  uow.Exec(sql::kInsertPayment, {p.order_id, p.provider, p.kind, p.status, p.amount, db::Opt(p.reference),
                                 TextOrNull(p.failure_code), TextOrNull(p.failure_message.substr(0, 500)), now_sql});
}

bool SettlePendingCharge(db::UnitOfWork& uow, std::int64_t order_id) {
  return uow.Exec(sql::kSettlePendingCharge, {order_id}).affected > 0;
}

void FailPendingCharge(db::UnitOfWork& uow, std::int64_t order_id, const std::string& failure_code) {
  uow.Exec(sql::kFailPendingCharge, {TextOrNull(failure_code), order_id});
}

bool ClaimEvent(db::UnitOfWork& uow, const std::string& provider, const std::string& event_id,
                const std::string& type, const std::string& now_sql) {
  if (uow.QueryOne(sql::kEventSeen, {event_id})) return false;
  db::RetryOnDuplicate([&] { uow.Exec(sql::kInsertEvent, {event_id, provider, type, now_sql}); });
  return true;
}

}  // namespace moderno::payments
