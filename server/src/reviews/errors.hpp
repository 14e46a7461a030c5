#pragma once
// Errors of the reviews domain; `type` is the slug of the problem URI.
#include <cstdint>
#include <string>

#include "platform/error.hpp"

namespace moderno::reviews {

inline std::unexpected<Error> ProductNotFound(const std::string& key) {
  return Fail(Errc::kNotFound, "No product with id '" + key + "'.");
}

inline std::unexpected<Error> ReviewNotFound(const std::string& key) {
  return Fail(Errc::kNotFound, "No review with id '" + key + "'.");
}

// 403: only a customer with a delivered order holding the product may review it.
inline std::unexpected<Error> NotVerifiedBuyer() {
  Error e;
  e.code = Errc::kPermissionDenied;
  e.type = "not_verified_buyer";
  e.detail = "Only customers with a delivered order containing this product may review it.";
  return std::unexpected(std::move(e));
}

// 409: one review per customer and product.
inline std::unexpected<Error> AlreadyReviewed() {
  Error e;
  e.code = Errc::kAlreadyExists;
  e.type = "already_reviewed";
  e.detail = "You have already reviewed this product.";
  return std::unexpected(std::move(e));
}

}  // namespace moderno::reviews
