#include "reviews/service.hpp"

#include <boost/json.hpp>

#include "reviews/errors.hpp"

namespace moderno::reviews {
namespace json = boost::json;

Result<ProductReviews> Service::ListPublished(std::int64_t product_id, const ListQuery& q) {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<ProductReviews> {
    auto summary = repo_.SummaryOf(uow, product_id);
    if (!summary) return ProductNotFound(std::to_string(product_id));
    ProductReviews out;
    out.summary = *summary;
    // A page past the end needs no query.
    if (static_cast<std::int64_t>(q.page - 1) * q.limit < summary->reviews_count) {
      out.items = repo_.Published(uow, product_id, q);
    }
    return out;
  });
}

Result<Review> Service::Create(std::int64_t product_id, std::int64_t user_id,
                               const ReviewInput& in) {
  auto created = db_.Write([&](db::UnitOfWork& uow) -> Result<Review> {
    // The product's lock comes first: concurrent reviews of one product then recount in turn.
    if (!repo_.LockVisibleProduct(uow, product_id)) {
      return ProductNotFound(std::to_string(product_id));
    }
    if (repo_.HasReviewed(uow, product_id, user_id)) return AlreadyReviewed();
    const auto order_id = repo_.DeliveredOrderWith(uow, user_id, product_id);
    if (!order_id) return NotVerifiedBuyer();
    const std::int64_t id =
        repo_.Insert(uow, product_id, user_id, order_id, in, true, Status::kPublished);
    repo_.RecomputeRating(uow, product_id);
    if (invalidate_catalog_) uow.AfterCommit(invalidate_catalog_);
    return *repo_.Find(uow, id);
  });
  // The unique (product_id, user_id) index is the backstop for a race the check missed.
  if (!created && created.error().code == Errc::kAlreadyExists) return AlreadyReviewed();
  return created;
}

Result<StaffPage> Service::ListForStaff(const StaffQuery& q) {
  return db_.Read(
      [&](db::UnitOfWork& uow) -> Result<StaffPage> { return repo_.ListForStaff(uow, q); });
}

Result<Review> Service::Moderate(std::int64_t review_id, Status status, audit::AuditEntry who) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<Review> {
    // Both locks before any plain read, so that the recount below starts from current rows.
    auto locked = repo_.LockReview(uow, review_id);
    if (!locked) return ReviewNotFound(std::to_string(review_id));
    if (locked->status != status) {
      repo_.LockProduct(uow, locked->product_id);
      repo_.SetStatus(uow, review_id, status);
      repo_.RecomputeRating(uow, locked->product_id);
      who.action = "review.moderate";
      who.entity = "review";
      who.entity_id = std::to_string(review_id);
      who.details_json = json::serialize(json::object{
          {"product_id", locked->product_id},
          {"changes",
           {{"status", {{"from", ApiName(locked->status)}, {"to", ApiName(status)}}}}}});
      audit::RecordAudit(uow, who);
      if (invalidate_catalog_) uow.AfterCommit(invalidate_catalog_);
    }
    return *repo_.Find(uow, review_id);
  });
}

}  // namespace moderno::reviews
