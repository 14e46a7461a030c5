#pragma once
// Registers the routes of the order workflows.
#include "platform/http/router.hpp"
#include "workflows/http/handlers.hpp"

namespace moderno::workflows {

// `deps` must outlive the router.
void RegisterRoutes(http::Router& router, HttpDeps& deps);

}  // namespace moderno::workflows
