#pragma once
// Registers the cart routes.
#include "cart/http/handlers.hpp"
#include "platform/http/router.hpp"

namespace moderno::cart {

// `deps` must outlive the router.
void RegisterRoutes(http::Router& router, HttpDeps& deps);

}  // namespace moderno::cart
