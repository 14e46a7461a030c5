#pragma once
// Staff management of accounts: list, read, and change a user's role or active flag. Only a
// super_admin grants or takes away the admin and super_admin roles; nobody changes their own
// role or deactivates themselves; a demotion or deactivation ends the user's sessions.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/auth_service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "platform/http/auth.hpp"

namespace moderno::accounts {

// A user as staff see it.
struct StaffUser {
  std::int64_t id = 0;
  std::string email, name, role;
  bool is_active = false, email_verified = false;
  std::string created_at, updated_at;  // stored UTC text
};

// Filters of the staff user list (validated by the handler).
struct UserFilter {
  std::optional<std::string> role;
  std::optional<bool> active;
  std::optional<std::string> search;  // part of the email or name, any case
  int page = 1, limit = 20;
};

struct UserPage {
  std::vector<StaffUser> users;
  std::int64_t total = 0;
};

// A change of role and/or active flag.
struct UserChange {
  std::optional<http::Role> role;
  std::optional<bool> is_active;
};

class UsersAdmin {
 public:
  UsersAdmin(db::Database& db, AuthService& auth) : db_(db), auth_(auth) {}

  Result<UserPage> List(const UserFilter& f);
  Result<StaffUser> Get(std::int64_t id);
  // By `actor` (the signed-in staff member); 409 on oneself, 403 on admin roles without
  // super_admin; audit and security log entries.
  Result<StaffUser> Update(std::int64_t id, const UserChange& change, const http::Principal& actor,
                           const audit::AuditEntry& who);

 private:
  db::Database& db_;
  AuthService& auth_;
};

}  // namespace moderno::accounts
