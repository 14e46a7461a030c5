#include "payments/ledger.hpp"

#include "payments/queries.hpp"
#include "platform/db/retry.hpp"

namespace moderno::payments {
namespace {
db::Value TextOrNull(const std::string& s) { return s.empty() ? db::Value(db::kNull) : db::Value(s); }
}  // namespace

void Record(db::UnitOfWork& uow, const PaymentRecord& p, const std::string& now_sql) {
  uow.Exec(sql::kInsertPayment,
           {p.order_id, p.provider, p.kind, p.status, p.amount, db::Opt(p.reference), TextOrNull(p.failure_code),
            TextOrNull(p.failure_message.substr(0, 500)), TextOrNull(p.authorization_code.substr(0, 32)), db::kNull,
            db::kNull, db::kNull, TextOrNull(p.provider_status.substr(0, 32)), now_sql});
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

std::optional<Attempt> FindAttempt(db::UnitOfWork& uow, const std::string& provider, const std::string& reference) {
  auto row = uow.QueryOne(sql::kFindAttempt, {provider, reference});
  if (!row) return std::nullopt;
  return Attempt{row->Int(0), row->Int(1), row->Int(3), row->Str(2), row->Str(4)};
}

bool DecideAttempt(db::UnitOfWork& uow, std::int64_t attempt_id, const ChargeOutcome& o) {
  const bool paid = o.kind == ChargeOutcome::Kind::kSucceeded;
  const db::Value installments = o.installments > 0 ? db::Value(static_cast<std::int64_t>(o.installments)) : db::Value(db::kNull);
  return uow.Exec(sql::kDecideAttempt, {std::string(paid ? "succeeded" : "failed"), TextOrNull(o.failure_code.substr(0, 100)),
                                        TextOrNull(o.failure_message.substr(0, 500)),
                                        TextOrNull(o.authorization_code.substr(0, 32)), TextOrNull(o.card_last4.substr(0, 32)),
                                        TextOrNull(o.payment_type.substr(0, 32)), installments,
                                        TextOrNull(o.provider_status.substr(0, 32)), attempt_id})
             .affected > 0;
}

std::int64_t CountAttempts(db::UnitOfWork& uow, std::int64_t order_id) {
  auto row = uow.QueryOne(sql::kCountAttempts, {order_id});
  return row ? row->Int(0) : 0;
}

std::vector<std::pair<std::string, std::int64_t>> UndecidedAttempts(db::UnitOfWork& uow, const std::string& provider,
                                                                   const std::string& before_sql, int limit) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& row : uow.Query(sql::kUndecidedAttempts, {provider, before_sql, static_cast<std::int64_t>(limit)})) {
    out.emplace_back(row.Str(0), row.Int(1));
  }
  return out;
}

}  // namespace moderno::payments
