#pragma once
// Reading the audit log: the validated query and one page of records.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::admin {

// A validated audit log query; timestamps are 'YYYY-MM-DD HH:MM:SS' UTC.
struct AuditQuery {
  int page = 1;
  int limit = 20;
  std::optional<std::int64_t> actor_user_id;
  std::optional<std::string> entity;
  std::optional<std::string> entity_id;
  std::optional<std::string> action;
  std::optional<std::string> from;
  std::optional<std::string> to;
};

// One stored audit record.
struct AuditRecord {
  std::int64_t id = 0;
  std::optional<std::int64_t> actor_user_id;
  std::optional<std::string> actor_role;
  std::string action;
  std::string entity;
  std::optional<std::string> entity_id;
  std::optional<std::string> details_json;
  std::optional<std::string> ip;
  std::optional<std::string> request_id;
  std::string created_at;  // as stored
};

struct AuditPage {
  std::vector<AuditRecord> items;
  std::int64_t total = 0;
};

// Validates actor, entity, entity_id, action, from, to (read by time::ParseTimestamp), page and
// limit; 422 naming each bad one.
Result<AuditQuery> ParseAuditQuery(const std::vector<std::pair<std::string, std::string>>& params);

// One page, newest first, and the total: 2 queries.
AuditPage ListAudit(db::UnitOfWork& uow, const AuditQuery& q);

}  // namespace moderno::admin
