#pragma once
// SQL of the reviews domain; the same text serves both dialects unless a constant says
// otherwise. reviews.status keeps the schema's names: 'approved' is published, 'rejected'
// hidden.
#include <string_view>

namespace moderno::reviews::sql {

// ---- products ----

// A product that the public catalog shows: active and not deleted.
inline constexpr std::string_view kVisibleProductSqlite =
    "SELECT id FROM products WHERE id = ? AND is_active = 1 AND deleted_at IS NULL";
// The same, locking the product row until the transaction ends: every write that recomputes a
// product's rating takes this lock first, so that the recount sees the other writers' rows
// (and, under REPEATABLE READ, the transaction's snapshot starts after the lock). SQLite has a
// single writer already.
inline constexpr std::string_view kVisibleProductMysql =
    "SELECT id FROM products WHERE id = ? AND is_active = 1 AND deleted_at IS NULL FOR UPDATE";
// Locks a product row whatever its state (moderation of a review of a deleted product).
inline constexpr std::string_view kLockProductSqlite = "SELECT id FROM products WHERE id = ?";
inline constexpr std::string_view kLockProductMysql =
    "SELECT id FROM products WHERE id = ? FOR UPDATE";

// Recomputes the denormalised rating of a product from its published reviews, in one
// statement. updated_at is assigned to itself so that MySQL's ON UPDATE does not touch it: a
// new review is not a change of the product.
inline constexpr std::string_view kRecomputeRating =
    "UPDATE products SET "
    "rating_avg = (SELECT ROUND(AVG(rating), 2) FROM reviews "
    "WHERE product_id = ? AND status = 'approved'), "
    "reviews_count = (SELECT COUNT(*) FROM reviews WHERE product_id = ? AND status = 'approved'), "
    "updated_at = updated_at WHERE id = ?";

// ---- eligibility ----

// The user's latest delivered order that holds the product: the purchase a review verifies.
inline constexpr std::string_view kDeliveredOrderWithProduct =
    "SELECT o.id FROM orders o WHERE o.user_id = ? AND o.status = 'delivered' "
    "AND EXISTS (SELECT 1 FROM order_items oi WHERE oi.order_id = o.id AND oi.product_id = ?) "
    "ORDER BY o.id DESC LIMIT 1";

// ---- reviews ----

inline constexpr std::string_view kReviewOfUser =
    "SELECT id FROM reviews WHERE product_id = ? AND user_id = ?";

inline constexpr std::string_view kInsertReview =
    "INSERT INTO reviews (product_id, user_id, order_id, rating, title, comment, "
    "is_verified_purchase, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

// The columns ReadReview expects, with the author's name and the product's; callers append
// the condition and the order.
inline constexpr std::string_view kSelectReviews =
    "SELECT r.id, r.product_id, p.name, r.user_id, r.order_id, r.rating, r.title, r.comment, "
    "r.is_verified_purchase, r.status, r.helpful_count, u.name, r.created_at, r.updated_at "
    "FROM reviews r JOIN users u ON u.id = r.user_id JOIN products p ON p.id = r.product_id";

inline constexpr std::string_view kReviewById = " WHERE r.id = ?";

// A page of a product's published reviews; one of the orders below, then kPage.
inline constexpr std::string_view kPublishedOfProduct =
    " WHERE r.product_id = ? AND r.status = 'approved'";
inline constexpr std::string_view kOrderNewest = " ORDER BY r.created_at DESC, r.id DESC";
inline constexpr std::string_view kOrderOldest = " ORDER BY r.created_at ASC, r.id ASC";
inline constexpr std::string_view kOrderRatingDesc =
    " ORDER BY r.rating DESC, r.created_at DESC, r.id DESC";
inline constexpr std::string_view kOrderRatingAsc =
    " ORDER BY r.rating ASC, r.created_at DESC, r.id DESC";
inline constexpr std::string_view kOrderHelpful =
    " ORDER BY r.helpful_count DESC, r.created_at DESC, r.id DESC";
inline constexpr std::string_view kPage = " LIMIT ? OFFSET ?";

// The summary of a visible product's published reviews in one aggregate; no row when the
// product is not visible (GROUP BY over no product row yields nothing).
inline constexpr std::string_view kSummary =
    "SELECT COUNT(r.id), ROUND(AVG(r.rating), 2), "
    "SUM(CASE WHEN r.rating = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.rating = 2 THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN r.rating = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN r.rating = 4 THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN r.rating = 5 THEN 1 ELSE 0 END) "
    "FROM products p LEFT JOIN reviews r ON r.product_id = p.id AND r.status = 'approved' "
    "WHERE p.id = ? AND p.is_active = 1 AND p.deleted_at IS NULL GROUP BY p.id";

// ---- staff ----

// The staff list: kSelectReviews or kCountReviews, then " WHERE 1 = 1" and the filters.
inline constexpr std::string_view kCountReviews = "SELECT COUNT(*) FROM reviews r";
inline constexpr std::string_view kAllReviews = " WHERE 1 = 1";
inline constexpr std::string_view kWithStatus = " AND r.status = ?";
inline constexpr std::string_view kWithProduct = " AND r.product_id = ?";

// The review's product and status, locking the review row until the transaction ends
// (MySQL). A locking read takes no snapshot, so the recount after the product's lock still
// starts from current rows.
inline constexpr std::string_view kReviewProductSqlite =
    "SELECT product_id, status FROM reviews WHERE id = ?";
inline constexpr std::string_view kReviewProductMysql =
    "SELECT product_id, status FROM reviews WHERE id = ? FOR UPDATE";

inline constexpr std::string_view kSetStatus =
    "UPDATE reviews SET status = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?";

}  // namespace moderno::reviews::sql
