#pragma once
// Coupon rows: reading one, a page, and their scope lists. Takes a unit of work and never opens
// transactions; every list of ids is loaded with one query per kind, never one per id.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/db.hpp"
#include "promotions/model.hpp"

namespace moderno::promotions {

// A coupon row without its scope lists; nullopt when there is none.
std::optional<Coupon> FindCouponByCode(db::UnitOfWork& uow, const std::string& canonical_code);
// A coupon with its scope lists; nullopt when there is none.
std::optional<Coupon> FindCoupon(db::UnitOfWork& uow, std::int64_t id);
// One page of coupons (newest first) with their scope lists, and the total: 4 queries.
CouponPage ListCoupons(db::UnitOfWork& uow, const CouponFilter& filter);
// Fills category_ids and product_ids of every coupon: 2 queries.
void LoadScopes(db::UnitOfWork& uow, std::vector<Coupon>& coupons);
// Those of `ids` that `prefix` ("SELECT id FROM t WHERE ... IN ") finds, ascending.
std::vector<std::int64_t> ExistingIds(db::UnitOfWork& uow, std::string_view prefix,
                                      const std::vector<std::int64_t>& ids);

}  // namespace moderno::promotions
