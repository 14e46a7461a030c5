#include <boost/json.hpp>

#include "accounts/http/handlers.hpp"
#include "platform/http/pagination.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts {

// GET /api/v1/admin/users?role&active&search&page&limit.
http::Response ListUsers(http::Request& req, HttpDeps& d) {
  std::vector<FieldError> errors;
  const http::PageRequest page = http::ReadPage(req.query, errors);
  UserFilter f;
  f.page = page.page;
  f.limit = page.limit;
  if (auto v = req.Query("role"); v && !v->empty()) {
    if (!http::ParseRole(*v)) errors.push_back({"role", "invalid", "role must be customer, manager, admin or super_admin"});
    f.role = std::string(*v);
  }
  if (auto v = req.Query("active"); v && !v->empty()) {
    if (*v != "true" && *v != "false") errors.push_back({"active", "invalid", "active must be true or false"});
    f.active = *v == "true";
  }
  if (auto v = req.Query("search"); v && !v->empty()) {
    if (v->size() > 100) errors.push_back({"search", "too_long", "search must be at most 100 characters"});
    f.search = std::string(*v);
  }
  if (!errors.empty()) return http::Problem(Invalid(std::move(errors)).error(), req);
  auto result = d.users.List(f);
  if (!result) return http::Problem(result.error(), req);
  boost::json::array data;
  for (const StaffUser& u : result->users) data.push_back(StaffUserJson(u));
  return http::Json(200, http::PageJson(std::move(data), f.page, f.limit, result->total));
}

}  // namespace moderno::accounts
