#pragma once
// Verified-purchase product reviews: the public list of a product's published reviews, posting
// by customers whose delivered orders hold the product, and staff moderation. Every write
// recomputes the product's rating_avg and reviews_count in its own transaction and calls the
// catalog invalidation after the commit, so the next catalog read shows the new figures.
#include <cstdint>
#include <functional>

#include "platform/audit/audit.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "reviews/model.hpp"
#include "reviews/repository.hpp"

namespace moderno::reviews {

// The operations behind the review routes; each opens its own unit of work.
class Service {
 public:
  // `invalidate_catalog` drops the cached catalog reads; it runs after each committed write.
  Service(db::Database& db, std::function<void()> invalidate_catalog)
      : db_(db), invalidate_catalog_(std::move(invalidate_catalog)) {}

  // A page of the product's published reviews and their summary; 404 unless the product is
  // active and not deleted. 2 queries.
  Result<ProductReviews> ListPublished(std::int64_t product_id, const ListQuery& q);

  // Posts the user's review, published at once and marked as a verified purchase: 404 for a
  // product that is not visible, 409 `already_reviewed` when the user reviewed it before, 403
  // `not_verified_buyer` without a delivered order holding the product.
  Result<Review> Create(std::int64_t product_id, std::int64_t user_id, const ReviewInput& in);

  // Every review matching the filters, newest first.
  Result<StaffPage> ListForStaff(const StaffQuery& q);

  // Sets a review's status (404 when there is none), with an audit record (review.moderate)
  // in the same transaction. Setting the status it already has changes and records nothing.
  Result<Review> Moderate(std::int64_t review_id, Status status, audit::AuditEntry who);

 private:
  db::Database& db_;
  std::function<void()> invalidate_catalog_;
  Repository repo_;
};

}  // namespace moderno::reviews
