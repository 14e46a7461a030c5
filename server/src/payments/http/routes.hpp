#pragma once
// Registers the payments routes.
#include "payments/http/handlers.hpp"
#include "platform/http/router.hpp"

namespace moderno::payments {

// `deps` must outlive the router.
void RegisterRoutes(http::Router& router, HttpDeps& deps);

}  // namespace moderno::payments
