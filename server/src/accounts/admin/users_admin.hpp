#pragma once
// Staff management of accounts: GET /admin/users, GET /admin/users/{id},
// PATCH /admin/users/{id} {role?, is_active?}. Only a super_admin grants or takes away the
// admin and super_admin roles; nobody changes their own role or deactivates themselves.
#include "accounts/auth_service.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"

namespace moderno::accounts {

struct UsersAdminDeps {
  db::Database& db;
  AuthService& auth;
};

void RegisterUsersAdminRoutes(http::Router& router, const UsersAdminDeps& deps);

}  // namespace moderno::accounts
