#pragma once
// Registers the accounts routes: authentication, the staff user management and the profile.
#include "accounts/http/handlers.hpp"
#include "platform/http/router.hpp"

namespace moderno::accounts {

// `deps` must outlive the router.
void RegisterRoutes(http::Router& router, HttpDeps& deps);

}  // namespace moderno::accounts
