#pragma once
// The page and limit query parameters every list endpoint takes.
#include <string>
#include <utility>
#include <vector>

#include "platform/error.hpp"

namespace moderno::http {

inline constexpr int kMaxPage = 100000;
inline constexpr int kMaxLimit = 100;

struct PageRequest {
  int page = 1;    // 1..kMaxPage
  int limit = 20;  // 1..kMaxLimit
};

// Reads `page` and `limit`, adding a field error for each bad one (and keeping the default).
PageRequest ReadPage(const std::vector<std::pair<std::string, std::string>>& query,
                     std::vector<FieldError>& errors);

}  // namespace moderno::http
