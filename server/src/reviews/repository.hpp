#pragma once
// Rows of the reviews domain. Takes a unit of work and never opens transactions; the only
// place that knows the stored status names and the column order of review reads.
#include <cstdint>
#include <optional>

#include "platform/db/db.hpp"
#include "reviews/model.hpp"

namespace moderno::reviews {

// The review a staff member changes, as locked for the change.
struct LockedReview {
  std::int64_t product_id = 0;
  Status status = Status::kPending;
};

class Repository {
 public:
  // True when the product is active and not deleted; on MySQL also locks its row until the
  // transaction ends (writers call it first).
  bool LockVisibleProduct(db::UnitOfWork& uow, std::int64_t product_id) const;
  // Locks a product row whatever its state (MySQL); false when there is none.
  bool LockProduct(db::UnitOfWork& uow, std::int64_t product_id) const;
  // The id of the user's latest delivered order that holds the product; nullopt when none.
  std::optional<std::int64_t> DeliveredOrderWith(db::UnitOfWork& uow, std::int64_t user_id,
                                                 std::int64_t product_id) const;
  // True when the user already reviewed the product (in any status).
  bool HasReviewed(db::UnitOfWork& uow, std::int64_t product_id, std::int64_t user_id) const;
  // Inserts and returns the new id.
  std::int64_t Insert(db::UnitOfWork& uow, std::int64_t product_id, std::int64_t user_id,
                      std::optional<std::int64_t> order_id, const ReviewInput& in,
                      bool verified_purchase, Status status) const;
  // Sets products.rating_avg and reviews_count from the product's published reviews.
  void RecomputeRating(db::UnitOfWork& uow, std::int64_t product_id) const;

  // One review with its author's and product's names; nullopt when there is none.
  std::optional<Review> Find(db::UnitOfWork& uow, std::int64_t id) const;
  // The summary of a visible product's published reviews; nullopt when the product is not
  // visible. One aggregate query.
  std::optional<Summary> SummaryOf(db::UnitOfWork& uow, std::int64_t product_id) const;
  // A page of the product's published reviews in the requested order. One query.
  std::vector<Review> Published(db::UnitOfWork& uow, std::int64_t product_id,
                                const ListQuery& q) const;

  // A page of every review matching the staff filters, newest first, and the total: 2 queries.
  StaffPage ListForStaff(db::UnitOfWork& uow, const StaffQuery& q) const;
  // Locks the review row (MySQL) and reads its product and status; nullopt when none.
  std::optional<LockedReview> LockReview(db::UnitOfWork& uow, std::int64_t id) const;
  // Changes the review's status.
  void SetStatus(db::UnitOfWork& uow, std::int64_t id, Status status) const;
};

}  // namespace moderno::reviews
