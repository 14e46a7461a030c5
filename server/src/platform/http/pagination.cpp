#include "platform/http/pagination.hpp"

#include <charconv>

namespace moderno::http {

PageRequest ReadPage(const std::vector<std::pair<std::string, std::string>>& query,
                     std::vector<FieldError>& errors) {
  PageRequest out;
  auto read = [&](const char* name, int max, int& into, const char* code) {
    for (const auto& [k, v] : query) {
      if (k != name) continue;
      int n = 0;
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec != std::errc() || p != v.data() + v.size() || n < 1 || n > max) {
        errors.push_back({name, code, std::string(name) + " must be an integer from 1 to " +
                                          std::to_string(max)});
      } else {
        into = n;
      }
      return;
    }
  };
  read("page", kMaxPage, out.page, "invalid");
  read("limit", kMaxLimit, out.limit, "out_of_range");
  return out;
}

}  // namespace moderno::http
