#pragma once
// Registers the review routes, all under /api/v1:
//   GET   /products/{id}/reviews   anyone                 published reviews and their summary
//   POST  /products/{id}/reviews   any signed-in user     a verified buyer's review
//   GET   /admin/reviews           manager and up         every review, filtered
//   PATCH /admin/reviews/{id}      manager and up         publish or hide (audited)
// Public and customer routes are in the "general" rate class, staff routes in "admin".
#include "platform/http/router.hpp"
#include "reviews/http/handlers.hpp"

namespace moderno::reviews {

// `deps` must outlive the router.
void RegisterRoutes(http::Router& router, HttpDeps& deps);

}  // namespace moderno::reviews
