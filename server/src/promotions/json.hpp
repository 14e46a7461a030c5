#pragma once
// JSON of the staff coupon routes: bodies and query strings read into inputs (422 naming each
// bad field, unknown fields included, so that a typo is never silently ignored) and answers.
#include <boost/json/object.hpp>
#include <string>
#include <utility>
#include <vector>

#include "platform/error.hpp"
#include "promotions/model.hpp"

namespace moderno::promotions {

// The checks one field allows on its own: code (3-40 of [A-Z0-9_-] after upper-casing), type,
// value, min_subtotal (>= 0), starts_at/ends_at (ISO 8601, null clears), usage limits (>= 1 or
// null), category_ids/product_ids (arrays of positive ids, null empties), is_active. `create`:
// type is required and absent fields take their defaults; on update absent fields stay and
// null is refused where the column is not nullable. Checks across fields and against the
// database are the service's.
Result<CouponInput> ParseCouponInput(const boost::json::object& body, bool create);

// q (part of a code), is_active (true|false), page and limit; 422 naming each bad one.
Result<CouponFilter> ParseCouponFilter(
    const std::vector<std::pair<std::string, std::string>>& query);

// The staff view: every column, the scope lists, timestamps in ISO 8601 (UTC, with Z).
boost::json::object ToJson(const Coupon& c);

}  // namespace moderno::promotions
