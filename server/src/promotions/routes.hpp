#pragma once
// The staff coupon routes: GET/POST /api/v1/admin/coupons and GET/PUT/DELETE
// /api/v1/admin/coupons/{id}. Managers and up may read; admins and up may write. All in the
// "admin" rate class.
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"

namespace moderno::promotions {

// Adds the five coupon routes to `router`; `db` must outlive it.
void RegisterAdminRoutes(http::Router& router, db::Database& db);

}  // namespace moderno::promotions
