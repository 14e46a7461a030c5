#pragma once
// Registers the inventory routes: the staff stock list, stock changes and low-stock alerts.
#include "inventory/http/handlers.hpp"
#include "platform/http/router.hpp"

namespace moderno::inventory {

// `deps` must outlive the router.
void RegisterRoutes(http::Router& router, HttpDeps& deps);

}  // namespace moderno::inventory
