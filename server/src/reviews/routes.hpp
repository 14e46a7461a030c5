#pragma once
// Registration of the review routes, all under /api/v1:
//   GET   /products/{id}/reviews   anyone                 published reviews and their summary
//   POST  /products/{id}/reviews   any signed-in user     a verified buyer's review
//   GET   /admin/reviews           manager and up         every review, filtered
//   PATCH /admin/reviews/{id}      manager and up         publish or hide (audited)
// Public and customer routes are in the "general" rate class, staff routes in "admin".
#include <functional>

#include "platform/db/db.hpp"
#include "platform/http/router.hpp"

namespace moderno::reviews {

// Adds the four review routes to `router`. `db` must outlive the router; `invalidate_catalog`
// runs after every committed write that changes a product's rating_avg or reviews_count.
void RegisterReviewRoutes(http::Router& router, db::Database& db,
                          std::function<void()> invalidate_catalog);

}  // namespace moderno::reviews
