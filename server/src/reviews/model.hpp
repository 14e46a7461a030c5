#pragma once
// Product reviews as the API sees them. The table keeps the statuses of the original schema
// (pending, approved, rejected); the API speaks of pending, published and hidden, and only the
// repository and the functions below know both names.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moderno::reviews {

// Longest title and body, in characters (UTF-8 code points) after trimming.
inline constexpr std::size_t kMaxTitleChars = 120;
inline constexpr std::size_t kMaxBodyChars = 5000;

// Where a review stands: only published reviews are public and count in the product's rating.
enum class Status { kPending, kPublished, kHidden };

// "pending", "published", "hidden".
std::string_view ApiName(Status s);
// The API name to a status; nullopt for anything else.
std::optional<Status> ParseStatus(std::string_view api_name);
// The value of reviews.status: 'pending', 'approved', 'rejected'.
std::string_view StoredName(Status s);
// reviews.status to a status (an unknown value reads as pending: never public).
Status FromStored(std::string_view stored);

// The orders of the public list.
enum class Sort { kNewest, kOldest, kRatingDesc, kRatingAsc, kHelpful };

// "newest", "oldest", "rating_desc", "rating_asc", "helpful"; nullopt for anything else.
std::optional<Sort> ParseSort(std::string_view text);

// A review as stored, with its author's public name.
struct Review {
  std::int64_t id = 0;
  std::int64_t product_id = 0;
  std::string product_name;  // staff views only
  std::int64_t user_id = 0;  // staff views only
  std::optional<std::int64_t> order_id;
  int rating = 0;
  std::string title;
  std::string body;
  bool verified_purchase = false;
  Status status = Status::kPending;
  std::int64_t helpful_count = 0;
  std::string author_name;  // AuthorName() of users.name: never the email
  std::string created_at;   // ISO 8601
  std::string updated_at;
};

// POST /products/{id}/reviews, validated: rating 1-5, title and body trimmed and within limits.
struct ReviewInput {
  int rating = 0;
  std::string title;
  std::string body;
};

// GET /products/{id}/reviews.
struct ListQuery {
  int page = 1;
  int limit = 20;
  Sort sort = Sort::kNewest;
};

// GET /admin/reviews.
struct StaffQuery {
  int page = 1;
  int limit = 20;
  std::optional<Status> status;
  std::optional<std::int64_t> product_id;
};

// The published reviews of a product at a glance.
struct Summary {
  std::optional<double> rating_avg;  // rounded to 2 decimals; nullopt without reviews
  std::int64_t reviews_count = 0;
  std::array<std::int64_t, 5> distribution{};  // [0] is 1 star ... [4] is 5 stars
};

// One page of a product's published reviews and its summary (total = summary.reviews_count).
struct ProductReviews {
  std::vector<Review> items;
  Summary summary;
};

// One page of the staff list and the number of reviews matching its filters.
struct StaffPage {
  std::vector<Review> items;
  std::int64_t total = 0;
};

// The public name of a reviewer: the first word of the account name and the initial of the
// last one ("Ana María Pérez" -> "Ana P."); one word stays as it is; empty -> "Cliente".
std::string AuthorName(std::string_view full_name);

}  // namespace moderno::reviews
