#include "accounts/profile/http/handlers.hpp"
#include "platform/http/problem.hpp"

namespace moderno::accounts::profile {

http::Response DeleteAddress(http::Request& req, Service& s) {
  auto id = AddressId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such address.", req);
  auto deleted = s.DeleteAddress(req.principal->user_id, *id);
  if (!deleted) return http::Problem(deleted.error(), req);
  http::Response r;
  r.status = 204;
  return r;
}

}  // namespace moderno::accounts::profile
