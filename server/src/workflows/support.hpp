#pragma once
// Small pieces the order workflows share: their conflict errors and audit records.
#include <boost/json/object.hpp>
#include <string>

#include "orders/model.hpp"
#include "orders/repository.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::workflows {

// A 409 with a type and, optionally, extra members of the problem body (JSON object text).
std::unexpected<Error> Conflict(std::string type, std::string detail, std::string extensions = {});
// 409 illegal_transition naming the status and the allowed ones.
std::unexpected<Error> IllegalTransition(orders::OrderStatus from, orders::OrderStatus to);
// Writes the audit record of a staff change to an order.
void AuditOrder(db::UnitOfWork& uow, audit::AuditEntry who, const char* action, std::int64_t order_id,
                boost::json::object details);
// The actor of a staff or customer change.
orders::Actor ActorOf(const audit::AuditEntry& who);

}  // namespace moderno::workflows
