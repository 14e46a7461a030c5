#pragma once
// SQL of coupons: evaluation, redemption and the staff CRUD. The same text serves both dialects
// unless a constant is suffixed Sqlite/Mysql. Timestamps are 'YYYY-MM-DD HH:MM:SS' UTC text on
// both, so comparing them as strings orders them in time.
#include <string_view>

namespace moderno::promotions::sql {

// ---- Evaluation and redemption ----

// Indexes 0..12, read by ReadCoupon; completed with a WHERE clause.
inline constexpr std::string_view kCouponSelect =
    "SELECT id, code, type, value, min_subtotal, starts_at, ends_at, usage_limit, "
    "usage_limit_per_customer, times_used, is_active, created_at, updated_at FROM coupons";

// The products a coupon is scoped to.
inline constexpr std::string_view kScopeProducts =
    "SELECT product_id FROM coupon_products WHERE coupon_id = ?";

// The categories a coupon is scoped to and all their descendants, in one query (UNION, not
// UNION ALL, so that a cycle in parent_id cannot loop forever).
inline constexpr std::string_view kScopeCategoryTree =
    "WITH RECURSIVE scope (id) AS ("
    " SELECT category_id FROM coupon_categories WHERE coupon_id = ?"
    " UNION SELECT c.id FROM categories c JOIN scope s ON c.parent_id = s.id"
    ") SELECT id FROM scope";

inline constexpr std::string_view kUserRedemptions =
    "SELECT COUNT(*) FROM coupon_redemptions WHERE coupon_id = ? AND user_id = ?";
// Inside Redeem on InnoDB: a locking read sees the latest committed rows, whatever snapshot
// the transaction's earlier plain reads (Evaluate) established.
inline constexpr std::string_view kUserRedemptionsLockingMysql =
    "SELECT COUNT(*) FROM coupon_redemptions WHERE coupon_id = ? AND user_id = ? FOR UPDATE";

inline constexpr std::string_view kPerCustomerLimit =
    "SELECT usage_limit_per_customer FROM coupons WHERE id = ?";

// Serialises the redemptions of one customer on InnoDB; SQLite has a single writer already.
inline constexpr std::string_view kLockUserMysql = "SELECT id FROM users WHERE id = ? FOR UPDATE";
inline constexpr std::string_view kLockCouponMysql =
    "SELECT id FROM coupons WHERE id = ? FOR UPDATE";

// Takes one use; affects no row when the coupon is gone or its usage_limit is reached.
inline constexpr std::string_view kTakeUse =
    "UPDATE coupons SET times_used = times_used + 1 "
    "WHERE id = ? AND (usage_limit IS NULL OR times_used < usage_limit)";

inline constexpr std::string_view kGiveUseBack =
    "UPDATE coupons SET times_used = times_used - 1 WHERE id = ? AND times_used > 0";

inline constexpr std::string_view kInsertRedemption =
    "INSERT INTO coupon_redemptions (coupon_id, user_id, order_id, discount_amount) "
    "VALUES (?, ?, ?, ?)";

inline constexpr std::string_view kRedemptionOfOrder =
    "SELECT id, coupon_id FROM coupon_redemptions WHERE order_id = ?";

inline constexpr std::string_view kDeleteRedemption = "DELETE FROM coupon_redemptions WHERE id = ?";

// ---- Staff CRUD ----

inline constexpr std::string_view kCountCoupons = "SELECT COUNT(*) FROM coupons";

// Newest first; ties by id.
inline constexpr std::string_view kPageOrder =
    " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";

inline constexpr std::string_view kCodeTaken = "SELECT id FROM coupons WHERE code = ? AND id <> ?";

inline constexpr std::string_view kInsertCoupon =
    "INSERT INTO coupons (code, type, value, min_subtotal, starts_at, ends_at, usage_limit, "
    "usage_limit_per_customer, is_active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

// Takes the row lock (InnoDB); affects no row when the coupon does not exist.
inline constexpr std::string_view kLockCoupon =
    "UPDATE coupons SET updated_at = CURRENT_TIMESTAMP WHERE id = ?";

// Leaves times_used alone: it is only ever changed by kTakeUse and kGiveUseBack.
inline constexpr std::string_view kUpdateCoupon =
    "UPDATE coupons SET code = ?, type = ?, value = ?, min_subtotal = ?, starts_at = ?, "
    "ends_at = ?, usage_limit = ?, usage_limit_per_customer = ?, is_active = ?, "
    "updated_at = CURRENT_TIMESTAMP WHERE id = ?";

inline constexpr std::string_view kDeactivateCoupon =
    "UPDATE coupons SET is_active = 0, updated_at = CURRENT_TIMESTAMP WHERE id = ?";

inline constexpr std::string_view kDeleteCoupon = "DELETE FROM coupons WHERE id = ?";

// Whether anything refers to the coupon: its uses, redemptions, or an order (even cancelled).
inline constexpr std::string_view kCouponUsed =
    "SELECT CASE WHEN times_used > 0"
    " OR EXISTS (SELECT 1 FROM coupon_redemptions r WHERE r.coupon_id = coupons.id)"
    " OR EXISTS (SELECT 1 FROM orders o WHERE o.coupon_id = coupons.id)"
    " THEN 1 ELSE 0 END FROM coupons WHERE id = ?";

inline constexpr std::string_view kDeleteScopeProducts =
    "DELETE FROM coupon_products WHERE coupon_id = ?";
inline constexpr std::string_view kDeleteScopeCategories =
    "DELETE FROM coupon_categories WHERE coupon_id = ?";
inline constexpr std::string_view kInsertScopeProduct =
    "INSERT INTO coupon_products (coupon_id, product_id) VALUES (?, ?)";
inline constexpr std::string_view kInsertScopeCategory =
    "INSERT INTO coupon_categories (coupon_id, category_id) VALUES (?, ?)";

// Prefixes completed with "(?, ?, ...)" for a list of ids (one query per kind, never one per id).
inline constexpr std::string_view kScopeProductsOfCoupons =
    "SELECT coupon_id, product_id FROM coupon_products WHERE coupon_id IN ";
inline constexpr std::string_view kScopeCategoriesOfCoupons =
    "SELECT coupon_id, category_id FROM coupon_categories WHERE coupon_id IN ";
inline constexpr std::string_view kExistingProducts =
    "SELECT id FROM products WHERE deleted_at IS NULL AND id IN ";
inline constexpr std::string_view kExistingCategories = "SELECT id FROM categories WHERE id IN ";

}  // namespace moderno::promotions::sql
