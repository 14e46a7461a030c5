#include "accounts/profile/http/handlers.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts::profile {

http::Response DeleteAddress(http::Request& req, accounts::HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such address.", req);
  auto deleted = d.profile.DeleteAddress(req.principal->user_id, *id);
  if (!deleted) return http::Problem(deleted.error(), req);
  return http::NoContent();
}

}  // namespace moderno::accounts::profile
