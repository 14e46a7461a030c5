#pragma once
// Coupons as staff manage them: the stored coupon with its scope, what a write sends, and a
// list query. Money is integer pesos (CLP); timestamps are 'YYYY-MM-DD HH:MM:SS' UTC.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moderno::promotions {

// The three kinds of coupon, as stored in coupons.type.
inline constexpr std::string_view kPercentage = "percentage";
inline constexpr std::string_view kFixed = "fixed";
inline constexpr std::string_view kFreeShipping = "free_shipping";

// Codes are 3 to 40 characters of A-Z, 0-9, '_' and '-' once upper-cased.
inline constexpr std::size_t kMinCodeLength = 3;
inline constexpr std::size_t kMaxCodeLength = 40;

// A nullable field of a write: absent (leave as is), null (clear) or a value.
template <class T>
using Nullable = std::optional<std::optional<T>>;

// One stored coupon. A coupon with no product and no category ids applies to every line.
struct Coupon {
  std::int64_t id = 0;
  std::string code;
  std::string type;
  std::int64_t value = 0;
  std::int64_t min_subtotal = 0;
  std::optional<std::string> starts_at;
  std::optional<std::string> ends_at;
  std::optional<std::int64_t> usage_limit;
  std::optional<std::int64_t> usage_limit_per_customer;
  std::int64_t times_used = 0;
  bool is_active = true;
  std::string created_at;
  std::string updated_at;
  std::vector<std::int64_t> category_ids;  // ascending
  std::vector<std::int64_t> product_ids;   // ascending
};

// What a create or update sends; absent fields keep their value (on create: the default).
struct CouponInput {
  std::optional<std::string> code;  // already trimmed and upper-cased
  std::optional<std::string> type;
  std::optional<std::int64_t> value;
  std::optional<std::int64_t> min_subtotal;
  Nullable<std::string> starts_at;  // stored form
  Nullable<std::string> ends_at;
  Nullable<std::int64_t> usage_limit;
  Nullable<std::int64_t> usage_limit_per_customer;
  std::optional<std::vector<std::int64_t>> category_ids;  // replaces the list; deduplicated
  std::optional<std::vector<std::int64_t>> product_ids;
  std::optional<bool> is_active;
};

// GET /admin/coupons: page, limit, q (part of the code) and is_active.
struct CouponFilter {
  int page = 1;
  int limit = 20;
  std::optional<std::string> q;  // upper-cased
  std::optional<bool> is_active;
};

struct CouponPage {
  std::vector<Coupon> items;
  std::int64_t total = 0;
};

// What DELETE did: a coupon never used is deleted; a used one is only deactivated, so that
// orders and redemptions keep pointing at it.
enum class DeleteOutcome { kDeleted, kDeactivated };

}  // namespace moderno::promotions
