#include "accounts/http/handlers.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts {

// PATCH /api/v1/admin/users/{id} {role?, is_active?}.
http::Response UpdateUser(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such user.", req);
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto role_text = f.OptString("role", 32);
  UserChange change;
  change.is_active = f.Bool("is_active");
  if (role_text) {
    change.role = http::ParseRole(*role_text);
    if (!change.role) f.Add("role", "invalid", "role must be customer, manager, admin or super_admin");
  }
  if (!role_text && !change.is_active && f.ok()) f.Add("role", "required", "send role and/or is_active");
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  auto user = d.users.Update(*id, change, *req.principal, audit::EntryFrom(req));
  if (!user) return http::Problem(user.error(), req);
  return http::Json(200, StaffUserJson(*user));
}

}  // namespace moderno::accounts
