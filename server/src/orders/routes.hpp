#pragma once
// Registers the cart, checkout, order, payment and staff order routes.
#include "orders/http/handlers.hpp"
#include "platform/http/router.hpp"

namespace moderno::orders {

void RegisterRoutes(http::Router& router, HttpDeps& deps);

}  // namespace moderno::orders
