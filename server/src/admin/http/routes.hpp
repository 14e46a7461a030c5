#pragma once
// Registers the admin routes: the audit log and the job queue.
#include "admin/http/handlers.hpp"
#include "platform/http/router.hpp"

namespace moderno::admin {

// `deps` must outlive the router.
void RegisterRoutes(http::Router& router, HttpDeps& deps);

}  // namespace moderno::admin
