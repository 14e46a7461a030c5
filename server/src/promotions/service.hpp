#pragma once
// The staff use cases of coupons. Each write runs in one transaction (db.Write) that also
// writes its audit record ("coupon.create", "coupon.update", "coupon.delete").
#include <cstdint>

#include "platform/audit/audit.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "promotions/model.hpp"

namespace moderno::promotions {

// Create, read, update and delete of coupons for the staff routes; each call is one unit of work.
class CouponAdmin {
 public:
  explicit CouponAdmin(db::Database& db) : db_(db) {}

  // One page, newest first, with the scope lists and times_used.
  Result<CouponPage> List(const CouponFilter& filter);
  // 404 when there is no such coupon.
  Result<Coupon> Get(std::int64_t id);
  // 422 naming each invalid field: code taken, value out of range for the type (percentage
  // 1-100, fixed >= 1, free_shipping 0), ends_at not after starts_at, unknown category or
  // product ids.
  Result<Coupon> Create(const CouponInput& in, audit::AuditEntry who);
  // Changes only the fields present (scope lists are replaced when present); the checks of
  // Create on the result, and usage_limit may not fall below times_used. 404 when unknown.
  Result<Coupon> Update(std::int64_t id, const CouponInput& in, audit::AuditEntry who);
  // Deletes a coupon that was never used; one that was (times_used, a redemption or an order
  // refers to it) is deactivated instead, so that orders keep their coupon. 404 when unknown.
  Result<DeleteOutcome> Delete(std::int64_t id, audit::AuditEntry who);

 private:
  db::Database& db_;
};

}  // namespace moderno::promotions
