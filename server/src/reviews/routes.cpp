#include "reviews/routes.hpp"

#include <memory>

#include "reviews/http/handlers.hpp"

namespace moderno::reviews {

void RegisterReviewRoutes(http::Router& router, db::Database& db,
                          std::function<void()> invalidate_catalog) {
  // One service shared by the handlers; it lives as long as the routes that hold it.
  auto service = std::make_shared<Service>(db, std::move(invalidate_catalog));
  using Operation = http::Response (*)(http::Request&, Service&);
  auto add = [&](const char* method, const char* pattern, Operation op, http::Access access,
                 const char* rate_class) {
    router.Add(method, pattern, [service, op](http::Request& req) { return op(req, *service); },
               {.runs = http::Runs::kOnWorker, .access = access, .rate_class = rate_class});
  };
  // /products/{id} (catalog) has one segment less, so the patterns never compete.
  add("GET", "/api/v1/products/{id}/reviews", ListReviews, http::Public(), "general");
  add("POST", "/api/v1/products/{id}/reviews", CreateReview, http::SignedIn(), "general");
  add("GET", "/api/v1/admin/reviews", ListStaffReviews, http::Staff(http::Role::kManager), "admin");
  add("PATCH", "/api/v1/admin/reviews/{id}", ModerateReview, http::Staff(http::Role::kManager),
      "admin");
}

}  // namespace moderno::reviews
