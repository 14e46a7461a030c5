#pragma once
// Errors of the catalog domain.
#include <string>

#include "platform/error.hpp"

namespace moderno::catalog {

inline std::unexpected<Error> ProductNotFound(const std::string& key) {
  return Fail(Errc::kNotFound, "No product with id or slug '" + key + "'.");
}

inline std::unexpected<Error> CategoryNotFound(const std::string& key) {
  return Fail(Errc::kNotFound, "No category with id or slug '" + key + "'.");
}

}  // namespace moderno::catalog
