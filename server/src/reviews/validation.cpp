#include "reviews/validation.hpp"

#include <limits>

#include "platform/http/json_body.hpp"
#include "platform/http/pagination.hpp"
#include "platform/http/params.hpp"

namespace moderno::reviews {
namespace {

std::optional<std::string> Param(const QueryParams& params, std::string_view name) {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return std::nullopt;
}

// A required text field, trimmed, of at most `max_chars` characters.
std::optional<std::string> Text(http::Fields& f, const char* name, std::size_t max_chars) {
  auto text = f.String(name, std::numeric_limits<std::size_t>::max());
  if (text && CharCount(*text) > max_chars) {
    f.Add(name, "too_long",
          std::string(name) + " must be at most " + std::to_string(max_chars) + " characters");
    return std::nullopt;
  }
  return text;
}

}  // namespace

std::size_t CharCount(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

Result<ReviewInput> ParseReviewInput(const boost::json::object& body) {
  http::Fields f(body);
  auto rating = f.Int("rating", 1, 5);
  auto title = Text(f, "title", kMaxTitleChars);
  auto text = Text(f, "body", kMaxBodyChars);
  if (!f.ok()) return Invalid(std::move(f.errors()), "The review has invalid fields.");
  return ReviewInput{static_cast<int>(*rating), std::move(*title), std::move(*text)};
}

Result<ListQuery> ParseListQuery(const QueryParams& params) {
  std::vector<FieldError> errors;
  const http::PageRequest page = http::ReadPage(params, errors);
  ListQuery q{page.page, page.limit, Sort::kNewest};
  if (auto v = Param(params, "sort")) {
    if (auto s = ParseSort(*v)) {
      q.sort = *s;
    } else {
      errors.push_back({"sort", "invalid",
                        "sort must be one of newest, oldest, rating_desc, rating_asc, helpful"});
    }
  }
  if (!errors.empty()) return Invalid(std::move(errors), "Invalid review list parameters.");
  return q;
}

Result<StaffQuery> ParseStaffQuery(const QueryParams& params) {
  std::vector<FieldError> errors;
  const http::PageRequest page = http::ReadPage(params, errors);
  StaffQuery q;
  q.page = page.page;
  q.limit = page.limit;
  if (auto v = Param(params, "status")) {
    if (auto s = ParseStatus(*v)) {
      q.status = *s;
    } else {
      errors.push_back({"status", "invalid", "status must be one of published, hidden, pending"});
    }
  }
  if (auto v = Param(params, "product_id")) {
    if (auto id = http::ParseId(*v)) {
      q.product_id = *id;
    } else {
      errors.push_back({"product_id", "invalid", "product_id must be a positive integer"});
    }
  }
  if (!errors.empty()) return Invalid(std::move(errors), "Invalid review list parameters.");
  return q;
}

Result<Status> ParseModeration(const boost::json::object& body) {
  http::Fields f(body);
  auto status = f.String("status", 32);
  if (status) {
    auto s = ParseStatus(*status);
    if (s && *s != Status::kPending) return *s;
    f.Add("status", "invalid", "status must be published or hidden");
  }
  return Invalid(std::move(f.errors()), "The moderation has invalid fields.");
}

}  // namespace moderno::reviews
