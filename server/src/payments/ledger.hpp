#pragma once
// Payment rows of an order (charges and refunds as the provider or staff reported them) and the
// provider events already applied, written in the caller's unit of work.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "payments/model.hpp"
#include "platform/db/db.hpp"

namespace moderno::payments {

// One payment row to write.
struct PaymentRecord {
  std::int64_t order_id = 0;
  std::string provider;  // manual, cod, sandbox, stripe, webpay
  std::string kind;      // charge, refund
  std::string status;    // pending, succeeded, failed
  std::int64_t amount = 0;
  std::optional<std::string> reference;
  std::string failure_code, failure_message;  // empty: none
  std::string authorization_code, provider_status;  // the provider's answer; empty: none
};

void Record(db::UnitOfWork& uow, const PaymentRecord& p, const std::string& now_sql);
// The order's pending charge succeeded; false when it had none.
bool SettlePendingCharge(db::UnitOfWork& uow, std::int64_t order_id);
// The order's pending charge failed.
void FailPendingCharge(db::UnitOfWork& uow, std::int64_t order_id, const std::string& failure_code);
// Claims a provider event id: false when it was applied before (a replay). A concurrent claim
// of the same id retries the unit of work, which then sees it.
bool ClaimEvent(db::UnitOfWork& uow, const std::string& provider, const std::string& event_id,
                const std::string& type, const std::string& now_sql);

// A payment attempt on the provider's page, as recorded.
struct Attempt {
  std::int64_t id = 0, order_id = 0, amount = 0;
  std::string status;  // pending, succeeded, failed
  std::string created_at;
};
// The attempt with this provider reference (a Webpay token); nullopt when none.
std::optional<Attempt> FindAttempt(db::UnitOfWork& uow, const std::string& provider, const std::string& reference);
// Decides a pending attempt with what the provider said (succeeded or failed, with the card's
// details); false when it was decided before (a duplicate return, webhook or reconciliation).
bool DecideAttempt(db::UnitOfWork& uow, std::int64_t attempt_id, const ChargeOutcome& outcome);
// How many charge attempts the order has had (names the next one).
std::int64_t CountAttempts(db::UnitOfWork& uow, std::int64_t order_id);
// References and orders of attempts still pending since before `before_sql` on open orders.
std::vector<std::pair<std::string, std::int64_t>> UndecidedAttempts(db::UnitOfWork& uow, const std::string& provider,
                                                                   const std::string& before_sql, int limit);

}  // namespace moderno::payments
