#pragma once
// SQL of the audit log listing; the same text serves both dialects.
#include <string_view>

namespace moderno::admin::sql {

inline constexpr std::string_view kAuditColumns =
    "SELECT id, actor_user_id, actor_role, action, entity, entity_id, details, ip, request_id, "
    "created_at FROM audit_log";
inline constexpr std::string_view kAuditCount = "SELECT COUNT(*) FROM audit_log";

// Filters, each appended after " WHERE 1 = 1" when its parameter is given.
inline constexpr std::string_view kAuditWhere = " WHERE 1 = 1";
inline constexpr std::string_view kByActor = " AND actor_user_id = ?";
inline constexpr std::string_view kByEntity = " AND entity = ?";
inline constexpr std::string_view kByEntityId = " AND entity_id = ?";
inline constexpr std::string_view kByAction = " AND action = ?";
inline constexpr std::string_view kFrom = " AND created_at >= ?";
inline constexpr std::string_view kTo = " AND created_at <= ?";

// Newest first; id breaks ties within a second.
inline constexpr std::string_view kAuditPage =
    " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";

}  // namespace moderno::admin::sql
