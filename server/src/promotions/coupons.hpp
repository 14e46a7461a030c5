#pragma once
// Coupons as the cart and checkout use them: evaluating a code against lines, taking a use
// inside the order's transaction, and giving it back when the order is cancelled. Every
// function runs on the caller's unit of work and never opens a transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::promotions {

// One line of a cart or order, as a coupon sees it.
struct CouponLine {
  std::int64_t product_id = 0;
  std::int64_t category_id = 0;
  std::int64_t line_total = 0;
};

// A coupon that applies, and what it takes off.
struct AppliedCoupon {
  std::int64_t coupon_id = 0;
  std::string code;           // canonical (upper-case)
  std::string type;           // percentage | fixed | free_shipping
  std::int64_t value = 0;
  std::int64_t discount = 0;  // pesos off the subtotal (0 for free_shipping)
  bool free_shipping = false;
  // per line, same order as the input lines: the part of `discount` taken from that line
  std::vector<std::int64_t> line_discounts;
};

// Checks `code` (case-insensitive, trimmed) for this customer (nullopt: a guest — per-customer
// limits are then checked at Redeem) and these lines at `now_sql` ('YYYY-MM-DD HH:MM:SS' UTC).
// Fails with Invalid({{"coupon_code", <why>, <Spanish message>}}) where why is one of:
// unknown, inactive, not_started, expired, min_subtotal (message says the minimum), exhausted
// (usage_limit reached), per_customer_limit, not_applicable (scoped to products/categories none
// of which are in the lines). A coupon is valid from starts_at to ends_at, both inclusive.
// Discount: percentage of the eligible lines' totals (rounded down to whole pesos), fixed =
// min(value, eligible total); eligible = all lines when the coupon has no scope, else lines
// whose product is listed or whose category is listed (a listed category includes its
// descendant categories). min_subtotal compares with the sum of all lines. The discount is
// spread over the eligible lines in proportion to their totals (largest remainders get the
// leftover pesos), so line_discounts sum to `discount` and none exceeds its line.
Result<AppliedCoupon> Evaluate(db::UnitOfWork& uow, std::string_view code,
                               std::optional<std::int64_t> user_id,
                               const std::vector<CouponLine>& lines, std::string_view now_sql);

// Inside the order's write transaction: takes one use with a conditional update (never more
// than usage_limit), enforces usage_limit_per_customer counting coupon_redemptions of this user
// (on MySQL with the coupon's and the user's rows locked, and a locking read of the count, so
// two concurrent orders of one customer cannot both take the last per-customer use; SQLite has
// a single writer), and inserts the coupon_redemptions row. Fails with Invalid(coupon_code,
// exhausted | per_customer_limit | unknown) when the use cannot be taken: the caller then rolls
// back the whole order (the use taken so far is rolled back with it).
Result<void> Redeem(db::UnitOfWork& uow, const AppliedCoupon& coupon, std::int64_t user_id,
                    std::int64_t order_id);

// Gives the use back when an order is cancelled (deletes the redemption, times_used - 1); a
// no-op when the order used none or it was already given back.
void Release(db::UnitOfWork& uow, std::int64_t order_id);

// `code` trimmed of white space and upper-cased (ASCII), as coupons.code stores it.
std::string CanonicalCode(std::string_view code);

}  // namespace moderno::promotions
