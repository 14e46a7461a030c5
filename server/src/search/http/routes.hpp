#pragma once
// Registers the public search routes (rate class "search").
#include "platform/http/router.hpp"
#include "search/http/handlers.hpp"

namespace moderno::search {

// `deps` must outlive the router.
void RegisterRoutes(http::Router& router, HttpDeps& deps);

}  // namespace moderno::search
