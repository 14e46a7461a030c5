#pragma once
// Reading review requests: pure functions over the JSON body and the query parameters, so that
// every rule is unit-tested without a server. Each returns a 422 naming every bad field.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/error.hpp"
#include "reviews/model.hpp"

namespace moderno::reviews {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// POST /products/{id}/reviews: rating an integer 1-5; title (1-120 characters) and body
// (1-5000 characters) required strings, trimmed, otherwise kept exactly as sent (plain text).
Result<ReviewInput> ParseReviewInput(const boost::json::object& body);

// GET /products/{id}/reviews: page, limit and sort.
Result<ListQuery> ParseListQuery(const QueryParams& params);

// GET /admin/reviews: page, limit, status (published, hidden, pending) and product_id.
Result<StaffQuery> ParseStaffQuery(const QueryParams& params);

// PATCH /admin/reviews/{id}: status, published or hidden.
Result<Status> ParseModeration(const boost::json::object& body);

// The number of UTF-8 characters (code points) of `text`.
std::size_t CharCount(std::string_view text);

}  // namespace moderno::reviews
