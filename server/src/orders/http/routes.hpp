#pragma once
// Registers the order reads.
#include "orders/http/handlers.hpp"
#include "platform/http/router.hpp"

namespace moderno::orders {

// `deps` must outlive the router.
void RegisterRoutes(http::Router& router, HttpDeps& deps);

}  // namespace moderno::orders
