#pragma once
// Staff routes that span the shop: the audit log (more admin tools join here).
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"

namespace moderno::admin {

// GET /api/v1/admin/audit-log (admin and up).
void RegisterAuditRoutes(http::Router& router, db::Database& db);

}  // namespace moderno::admin
