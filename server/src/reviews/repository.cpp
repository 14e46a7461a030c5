#include "reviews/repository.hpp"

#include "platform/search_log/search_log.hpp"

#include "platform/time/time.hpp"
#include "reviews/queries.hpp"

namespace moderno::reviews {
namespace {

bool Mysql(const db::UnitOfWork& uow) { return uow.dialect() == db::Dialect::kMysql; }

// The columns of sql::kSelectReviews.
Review ReadReview(const db::Row& r) {
  Review v;
  v.id = r.Int(0);
  v.product_id = r.Int(1);
  v.product_name = r.Str(2);
  v.user_id = r.Int(3);
  v.order_id = r.OptInt(4);
  v.rating = static_cast<int>(r.Int(5));
  v.title = r.Str(6);
  v.body = r.Str(7);
  v.verified_purchase = r.Bool(8);
  v.status = FromStored(r.Str(9));
  v.helpful_count = r.Int(10);
  v.author_name = AuthorName(r.Str(11));
  v.created_at = time::IsoFromSql(r.Str(12));
  v.updated_at = time::IsoFromSql(r.Str(13));
  return v;
}

std::string_view OrderBy(Sort sort) {
  switch (sort) {
    case Sort::kNewest: return sql::kOrderNewest;
    case Sort::kOldest: return sql::kOrderOldest;
    case Sort::kRatingDesc: return sql::kOrderRatingDesc;
    case Sort::kRatingAsc: return sql::kOrderRatingAsc;
    case Sort::kHelpful: return sql::kOrderHelpful;
  }
  return sql::kOrderNewest;
}

std::int64_t Offset(int page, int limit) {
  return static_cast<std::int64_t>(page - 1) * limit;
}

}  // namespace

bool Repository::LockVisibleProduct(db::UnitOfWork& uow, std::int64_t product_id) const {
  const auto sql = Mysql(uow) ? sql::kVisibleProductMysql : sql::kVisibleProductSqlite;
  return uow.QueryOne(sql, {product_id}).has_value();
}

bool Repository::LockProduct(db::UnitOfWork& uow, std::int64_t product_id) const {
  const auto sql = Mysql(uow) ? sql::kLockProductMysql : sql::kLockProductSqlite;
  return uow.QueryOne(sql, {product_id}).has_value();
}

std::optional<std::int64_t> Repository::DeliveredOrderWith(db::UnitOfWork& uow,
                                                           std::int64_t user_id,
                                                           std::int64_t product_id) const {
  auto row = uow.QueryOne(sql::kDeliveredOrderWithProduct, {user_id, product_id});
  if (!row) return std::nullopt;
  return row->Int(0);
}

bool Repository::HasReviewed(db::UnitOfWork& uow, std::int64_t product_id,
                             std::int64_t user_id) const {
  return uow.QueryOne(sql::kReviewOfUser, {product_id, user_id}).has_value();
}

std::int64_t Repository::Insert(db::UnitOfWork& uow, std::int64_t product_id,
                                std::int64_t user_id, std::optional<std::int64_t> order_id,
                                const ReviewInput& in, bool verified_purchase,
                                Status status) const {
  return uow
      .Exec(sql::kInsertReview,
            {product_id, user_id, db::Opt(order_id), std::int64_t{in.rating}, in.title, in.body,
             std::int64_t{verified_purchase}, std::string(StoredName(status))})
      .last_insert_id;
}

void Repository::RecomputeRating(db::UnitOfWork& uow, std::int64_t product_id) const {
  uow.Exec(sql::kRecomputeRating, {product_id, product_id, product_id});
  search_log::Record(uow, search_log::kProduct, product_id);  // sort=rating reads the index
}

std::optional<Review> Repository::Find(db::UnitOfWork& uow, std::int64_t id) const {
  auto row = uow.QueryOne(std::string(sql::kSelectReviews) + std::string(sql::kReviewById), {id});
  if (!row) return std::nullopt;
  return ReadReview(*row);
}

std::optional<Summary> Repository::SummaryOf(db::UnitOfWork& uow,
                                             std::int64_t product_id) const {
  auto row = uow.QueryOne(sql::kSummary, {product_id});
  if (!row) return std::nullopt;
  Summary s;
  s.reviews_count = row->Int(0);
  s.rating_avg = row->OptReal(1);
  for (std::size_t stars = 0; stars < s.distribution.size(); ++stars) {
    s.distribution[stars] = row->Int(2 + stars);  // SUM over no rows is NULL: 0
  }
  return s;
}

std::vector<Review> Repository::Published(db::UnitOfWork& uow, std::int64_t product_id,
                                          const ListQuery& q) const {
  const std::string query = std::string(sql::kSelectReviews) +
                            std::string(sql::kPublishedOfProduct) + std::string(OrderBy(q.sort)) +
                            std::string(sql::kPage);
  std::vector<Review> out;
  for (const db::Row& r :
       uow.Query(query, {product_id, std::int64_t{q.limit}, Offset(q.page, q.limit)})) {
    out.push_back(ReadReview(r));
  }
  return out;
}

StaffPage Repository::ListForStaff(db::UnitOfWork& uow, const StaffQuery& q) const {
  std::string where(sql::kAllReviews);
  std::vector<db::Value> params;
  if (q.status) {
    where += sql::kWithStatus;
    params.emplace_back(std::string(StoredName(*q.status)));
  }
  if (q.product_id) {
    where += sql::kWithProduct;
    params.emplace_back(*q.product_id);
  }
  StaffPage page;
  page.total = uow.QueryOne(std::string(sql::kCountReviews) + where, params)->Int(0);
  params.emplace_back(std::int64_t{q.limit});
  params.emplace_back(Offset(q.page, q.limit));
  for (const db::Row& r : uow.Query(std::string(sql::kSelectReviews) + where +
                                        std::string(sql::kOrderNewest) + std::string(sql::kPage),
                                    params)) {
    page.items.push_back(ReadReview(r));
  }
  return page;
}

std::optional<LockedReview> Repository::LockReview(db::UnitOfWork& uow, std::int64_t id) const {
  const auto sql = Mysql(uow) ? sql::kReviewProductMysql : sql::kReviewProductSqlite;
  auto row = uow.QueryOne(sql, {id});
  if (!row) return std::nullopt;
  return LockedReview{row->Int(0), FromStored(row->Str(1))};
}

void Repository::SetStatus(db::UnitOfWork& uow, std::int64_t id, Status status) const {
  uow.Exec(sql::kSetStatus, {std::string(StoredName(status)), id});
}

}  // namespace moderno::reviews
