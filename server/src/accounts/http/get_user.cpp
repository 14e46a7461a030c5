#include "accounts/http/handlers.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts {

// GET /api/v1/admin/users/{id}.
http::Response GetUser(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such user.", req);
  auto user = d.users.Get(*id);
  if (!user) return http::Problem(user.error(), req);
  return http::Json(200, StaffUserJson(*user));
}

}  // namespace moderno::accounts
