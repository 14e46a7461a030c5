#include "accounts/admin/users_admin.hpp"

#include <boost/json.hpp>

#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/pagination.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"
#include "platform/log/log.hpp"
#include "platform/time/time.hpp"

namespace moderno::accounts {
namespace json = boost::json;
namespace {

constexpr std::string_view kColumns =
    "SELECT id, email, name, role, is_active, email_verified, created_at, updated_at FROM users";

json::object UserRow(const db::Row& r) {
  return {{"id", r.Int(0)},
          {"email", r.Str(1)},
          {"name", r.Str(2)},
          {"role", r.Str(3)},
          {"is_active", r.Bool(4)},
          {"email_verified", r.Bool(5)},
          {"created_at", time::IsoFromSql(r.Str(6))},
          {"updated_at", time::IsoFromSql(r.Str(7))}};
}

http::Response ListUsers(http::Request& req, const UsersAdminDeps& d) {
  std::vector<FieldError> errors;
  const http::PageRequest pr = http::ReadPage(req.query, errors);
  const std::int64_t page = pr.page, limit = pr.limit;
  std::string where = " WHERE 1 = 1";
  std::vector<db::Value> params;
  if (auto v = req.Query("role"); v && !v->empty()) {
    if (!http::ParseRole(*v)) errors.push_back({"role", "invalid", "role must be customer, manager, admin or super_admin"});
    where += " AND role = ?";
    params.emplace_back(std::string(*v));
  }
  if (auto v = req.Query("active"); v && !v->empty()) {
    if (*v != "true" && *v != "false") errors.push_back({"active", "invalid", "active must be true or false"});
    where += " AND is_active = ?";
    params.emplace_back(std::int64_t{*v == "true"});
  }
  if (auto v = req.Query("search"); v && !v->empty()) {
    if (v->size() > 100) errors.push_back({"search", "too_long", "search must be at most 100 characters"});
    std::string pattern = "%";
    for (char c : *v) {
      if (c == '%' || c == '_' || c == '!') pattern += '!';
      pattern += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    pattern += "%";
    where += " AND (LOWER(email) LIKE ? ESCAPE '!' OR LOWER(name) LIKE ? ESCAPE '!')";
    params.emplace_back(pattern);
    params.emplace_back(pattern);
  }
  if (!errors.empty()) return http::Problem(Invalid(std::move(errors)).error(), req);
  auto result = d.db.Read([&](db::UnitOfWork& uow) -> Result<json::object> {
    const auto total = uow.QueryOne("SELECT COUNT(*) FROM users" + where, params)->Int(0);
    auto page_params = params;
    page_params.emplace_back(limit);
    page_params.emplace_back((page - 1) * limit);
    json::array data;
    for (const db::Row& r : uow.Query(std::string(kColumns) + where + " ORDER BY id LIMIT ? OFFSET ?", page_params)) {
      data.push_back(UserRow(r));
    }
    return http::PageJson(std::move(data), pr.page, pr.limit, total);
  });
  if (!result) return http::Problem(result.error(), req);
  return http::Json(200, *result);
}

http::Response GetUser(http::Request& req, const UsersAdminDeps& d) {
  auto id = http::PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such user.", req);
  auto row = d.db.Read([&](db::UnitOfWork& uow) -> Result<std::optional<db::Row>> {
    return uow.QueryOne(std::string(kColumns) + " WHERE id = ?", {*id});
  });
  if (!row) return http::Problem(row.error(), req);
  if (!*row) return http::Problem(Errc::kNotFound, "No such user.", req);
  return http::Json(200, UserRow(**row));
}

http::Response PatchUser(http::Request& req, const UsersAdminDeps& d) {
  auto id = http::PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such user.", req);
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto role_text = f.OptString("role", 32);
  auto active = f.Bool("is_active");
  std::optional<http::Role> role;
  if (role_text) {
    role = http::ParseRole(*role_text);
    if (!role) f.Add("role", "invalid", "role must be customer, manager, admin or super_admin");
  }
  if (!role_text && !active && f.ok()) f.Add("role", "required", "send role and/or is_active");
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  const http::Principal& actor = *req.principal;
  if (*id == actor.user_id) {
    return http::Problem(Errc::kConflict, "You cannot change your own role or deactivate yourself.", req);
  }
  auto updated = d.db.Write([&](db::UnitOfWork& uow) -> Result<json::object> {
    auto current = uow.QueryOne(std::string(kColumns) + " WHERE id = ?", {*id});
    if (!current) return Fail(Errc::kNotFound, "No such user.");
    const auto current_role = http::ParseRole(current->Str(3)).value_or(http::Role::kCustomer);
    // The admin roles are granted and taken away by super admins only.
    const bool touches_admin_roles = current_role >= http::Role::kAdmin ||
                                     (role && *role >= http::Role::kAdmin);
    if (touches_admin_roles && actor.role < http::Role::kSuperAdmin) {
      return Fail(Errc::kPermissionDenied, "Only a super_admin manages admin accounts.");
    }
    const std::string now = time::ToSql(std::chrono::system_clock::now());
    bool revoke = false;
    json::object details;
    if (role && *role != current_role) {
      uow.Exec("UPDATE users SET role = ?, updated_at = ? WHERE id = ?",
               {std::string(http::RoleName(*role)), now, *id});
      details["role"] = {{"from", current->Str(3)}, {"to", http::RoleName(*role)}};
      revoke = true;
    }
    if (active && *active != current->Bool(4)) {
      uow.Exec("UPDATE users SET is_active = ?, updated_at = ? WHERE id = ?",
               {std::int64_t{*active}, now, *id});
      details["is_active"] = {{"from", current->Bool(4)}, {"to", *active}};
      revoke = revoke || !*active;
    }
    if (revoke) d.auth.RevokeAllSessions(uow, *id);
    if (!details.empty()) {
      audit::AuditEntry e = audit::EntryFrom(req);
      e.action = "user.update";
      e.entity = "user";
      e.entity_id = std::to_string(*id);
      e.details_json = json::serialize(details);
      audit::RecordAudit(uow, e);
      if (details.contains("role")) {
        log::Security("role_change", {{"actor_id", static_cast<long long>(actor.user_id)},
                                      {"user_id", static_cast<long long>(*id)},
                                      {"to", std::string(http::RoleName(*role))}});
      }
    }
    return UserRow(*uow.QueryOne(std::string(kColumns) + " WHERE id = ?", {*id}));
  });
  if (!updated) return http::Problem(updated.error(), req);
  return http::Json(200, *updated);
}

}  // namespace

void RegisterUsersAdminRoutes(http::Router& router, const UsersAdminDeps& deps) {
  const http::RouteOptions admin{.access = http::Staff(http::Role::kAdmin), .rate_class = "admin"};
  router.Add("GET", "/api/v1/admin/users", [&deps](http::Request& r) { return ListUsers(r, deps); }, admin);
  router.Add("GET", "/api/v1/admin/users/{id}", [&deps](http::Request& r) { return GetUser(r, deps); }, admin);
  router.Add("PATCH", "/api/v1/admin/users/{id}", [&deps](http::Request& r) { return PatchUser(r, deps); }, admin);
}

}  // namespace moderno::accounts
