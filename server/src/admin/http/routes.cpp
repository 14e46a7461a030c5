#include "admin/http/routes.hpp"

namespace moderno::admin {

void RegisterRoutes(http::Router& router, HttpDeps& deps) {
  using Operation = http::Response (*)(http::Request&, HttpDeps&);
  auto add = [&](const char* method, const char* pattern, Operation op, http::Role role) {
    router.Add(method, pattern, [&deps, op](http::Request& req) { return op(req, deps); },
               {.access = http::Staff(role), .rate_class = "admin"});
  };
  add("GET", "/api/v1/admin/audit-log", ListAuditLog, http::Role::kAdmin);
  add("GET", "/api/v1/admin/jobs", ListJobs, http::Role::kManager);
  add("GET", "/api/v1/admin/jobs/{id}", GetJob, http::Role::kManager);
  add("POST", "/api/v1/admin/jobs/{id}/retry", RetryJob, http::Role::kAdmin);
}

}  // namespace moderno::admin
