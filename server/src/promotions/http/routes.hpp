#pragma once
// Registers the staff coupon routes: GET/POST /api/v1/admin/coupons and GET/PUT/DELETE
// /api/v1/admin/coupons/{id}. Managers and up may read; admins and up may write. All in the
// "admin" rate class.
#include "platform/http/router.hpp"
#include "promotions/http/handlers.hpp"

namespace moderno::promotions {

// `deps` must outlive the router.
void RegisterRoutes(http::Router& router, HttpDeps& deps);

}  // namespace moderno::promotions
