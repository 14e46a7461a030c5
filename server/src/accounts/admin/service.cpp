#include "accounts/admin/service.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <chrono>

#include "accounts/admin/queries.hpp"
#include "platform/log/log.hpp"
#include "platform/time/time.hpp"

namespace moderno::accounts {
namespace json = boost::json;
namespace sql = admin_sql;
namespace {

StaffUser ReadUser(const db::Row& r) {
  return {r.Int(0), r.Str(1), r.Str(2), r.Str(3), r.Bool(4), r.Bool(5), r.Str(6), r.Str(7)};
}

std::unexpected<Error> NoUser() { return Fail(Errc::kNotFound, "No such user."); }

}  // namespace

Result<UserPage> UsersAdmin::List(const UserFilter& f) {
  std::string where = " WHERE 1 = 1";
  std::vector<db::Value> params;
  if (f.role) {
    where += " AND role = ?";
    params.emplace_back(*f.role);
  }
  if (f.active) {
    where += " AND is_active = ?";
    params.emplace_back(std::int64_t{*f.active});
  }
  if (f.search) {
    std::string pattern = "%";  // '!' escapes LIKE's wildcards on both dialects
    for (char c : *f.search) {
      if (c == '%' || c == '_' || c == '!') pattern += '!';
      pattern += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    pattern += "%";
    where += " AND (LOWER(email) LIKE ? ESCAPE '!' OR LOWER(name) LIKE ? ESCAPE '!')";
    params.emplace_back(pattern);
    params.emplace_back(pattern);
  }
  return db_.Read([&](db::UnitOfWork& uow) -> Result<UserPage> {
    UserPage out;
    out.total = uow.QueryOne(std::string(sql::kCount) + where, params)->Int(0);
    auto page_params = params;
    page_params.emplace_back(std::int64_t{f.limit});
    page_params.emplace_back(static_cast<std::int64_t>(f.page - 1) * f.limit);
    for (const db::Row& r : uow.Query(std::string(sql::kColumns) + where + std::string(sql::kPageOrder), page_params)) {
      out.users.push_back(ReadUser(r));
    }
    return out;
  });
}

Result<StaffUser> UsersAdmin::Get(std::int64_t id) {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<StaffUser> {
    auto row = uow.QueryOne(std::string(sql::kColumns) + std::string(sql::kWhereId), {id});
    if (!row) return NoUser();
    return ReadUser(*row);
  });
}

Result<StaffUser> UsersAdmin::Update(std::int64_t id, const UserChange& change, const http::Principal& actor,
                                     const audit::AuditEntry& who) {
  if (id == actor.user_id) return Fail(Errc::kConflict, "You cannot change your own role or deactivate yourself.");
  return db_.Write([&](db::UnitOfWork& uow) -> Result<StaffUser> {
    auto current = uow.QueryOne(std::string(sql::kColumns) + std::string(sql::kWhereId), {id});
    if (!current) return NoUser();
    const StaffUser before = ReadUser(*current);
    const auto current_role = http::ParseRole(before.role).value_or(http::Role::kCustomer);
    // The admin roles are granted and taken away by super admins only.
    const bool touches_admin_roles =
        current_role >= http::Role::kAdmin || (change.role && *change.role >= http::Role::kAdmin);
    if (touches_admin_roles && actor.role < http::Role::kSuperAdmin) {
      return Fail(Errc::kPermissionDenied, "Only a super_admin manages admin accounts.");
    }
    const std::string now = time::ToSql(std::chrono::system_clock::now());
    bool revoke = false;
    json::object details;
    if (change.role && *change.role != current_role) {
      uow.Exec(sql::kSetRole, {std::string(http::RoleName(*change.role)), now, id});
      details["role"] = {{"from", before.role}, {"to", http::RoleName(*change.role)}};
      revoke = true;
    }
    if (change.is_active && *change.is_active != before.is_active) {
      uow.Exec(sql::kSetActive, {std::int64_t{*change.is_active}, now, id});
      details["is_active"] = {{"from", before.is_active}, {"to", *change.is_active}};
      revoke = revoke || !*change.is_active;
    }
    if (revoke) auth_.RevokeAllSessions(uow, id);
    if (!details.empty()) {
      audit::RecordChange(uow, who, "user.update", "user", id, json::serialize(details));
      if (details.contains("role")) {
        log::Security("role_change", {{"actor_id", static_cast<long long>(actor.user_id)},
                                      {"user_id", static_cast<long long>(id)},
                                      {"to", std::string(http::RoleName(*change.role))}});
      }
    }
    return ReadUser(*uow.QueryOne(std::string(sql::kColumns) + std::string(sql::kWhereId), {id}));
  });
}

}  // namespace moderno::accounts
