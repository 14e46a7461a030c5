#pragma once
// The audit log: who changed what, written in the same transaction as the change, so that a
// change and its record commit or roll back together. Knows nothing of shops: domains name
// their own actions ("product.update") and entities.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/db/db.hpp"
#include "platform/http/message.hpp"

namespace moderno::audit {

// One row of the audit log. Empty strings are stored as NULL (except action and entity).
struct AuditEntry {
  std::optional<std::int64_t> actor_user_id;
  std::string actor_role;
  std::string action;        // "<entity>.<verb>", e.g. "product.create"
  std::string entity;        // e.g. "product"
  std::string entity_id;     // the entity's id as text
  std::string details_json;  // a JSON object, or empty
  std::string ip;
  std::string request_id;
};

// Writes `entry` through `uow` (inside the caller's transaction). Over-long values are cut to
// the column sizes. Throws db::DbError like any statement.
void RecordAudit(db::UnitOfWork& uow, const AuditEntry& entry);

// Records a change of `entity` `entity_id` by `who` (the actor and request part, see EntryFrom):
// the action ("<entity>.<verb>") and its details (a JSON object's text, or empty).
void RecordChange(db::UnitOfWork& uow, AuditEntry who, std::string_view action, std::string_view entity,
                  std::int64_t entity_id, std::string details_json);

// The actor and request part of an entry: the principal (when signed in), the client address
// and the request id; the caller fills in action, entity, entity_id and details.
AuditEntry EntryFrom(const http::Request& req);

}  // namespace moderno::audit
