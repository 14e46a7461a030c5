#include "reviews/http/routes.hpp"

namespace moderno::reviews {

void RegisterRoutes(http::Router& router, HttpDeps& deps) {
  using Operation = http::Response (*)(http::Request&, HttpDeps&);
  auto add = [&](const char* method, const char* pattern, Operation op, http::Access access,
                 const char* rate_class) {
    router.Add(method, pattern, [&deps, op](http::Request& req) { return op(req, deps); },
               {.runs = http::Runs::kOnWorker, .access = access, .rate_class = rate_class});
  };
  // /products/{id} (catalog) has one segment less, so the patterns never compete.
  add("GET", "/api/v1/products/{id}/reviews", ListReviews, http::Public(), "general");
  add("POST", "/api/v1/products/{id}/reviews", CreateReview, http::SignedIn(), "general");
  add("GET", "/api/v1/admin/reviews", ListStaffReviews, http::Staff(http::Role::kManager), "admin");
  add("PATCH", "/api/v1/admin/reviews/{id}", ModerateReview, http::Staff(http::Role::kManager), "admin");
}

}  // namespace moderno::reviews
