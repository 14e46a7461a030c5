#include "workflows/support.hpp"

#include <boost/json.hpp>

#include "orders/status.hpp"

namespace moderno::workflows {
namespace json = boost::json;

std::unexpected<Error> Conflict(std::string type, std::string detail, std::string extensions) {
  Error e;
  e.code = Errc::kConflict;
  e.type = std::move(type);
  e.detail = std::move(detail);
  e.extensions = std::move(extensions);
  return std::unexpected(std::move(e));
}

std::unexpected<Error> IllegalTransition(orders::OrderStatus from, orders::OrderStatus to) {
  json::array allowed;
  for (const auto s : orders::AllowedTransitions(from)) allowed.push_back(json::value(orders::Name(s)));
  const std::string from_name(orders::Name(from));
  return Conflict("illegal_transition",
                  "An order in status " + from_name + " cannot become " + std::string(orders::Name(to)) + ".",
                  json::serialize(json::object{{"status", from_name}, {"allowed", std::move(allowed)}}));
}

void AuditOrder(db::UnitOfWork& uow, audit::AuditEntry who, const char* action, std::int64_t order_id,
                json::object details) {
  audit::RecordChange(uow, std::move(who), action, "order", order_id, json::serialize(details));
}

orders::Actor ActorOf(const audit::AuditEntry& who) {
  return {who.actor_role == "customer" ? "customer" : "staff", who.actor_user_id};
}

}  // namespace moderno::workflows
