#pragma once
// Payment rows of an order (charges and refunds as the provider or staff reported them) and the
// provider events already applied, written in the caller's unit of work.
#include <cstdint>
#include <optional>
#include <string>

#include "platform/db/db.hpp"

namespace moderno::payments {

// One payment row to write.
struct PaymentRecord {
  std::int64_t order_id = 0;
  std::string provider;  // manual, cod, sandbox, stripe
  std::string kind;      // charge, refund
  std::string status;    // pending, succeeded, failed
  std::int64_t amount = 0;
  std::optional<std::string> reference;
  std::string failure_code, failure_message;  // empty: none
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

}  // namespace moderno::payments
