#include "promotions/json.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <initializer_list>
#include <set>
#include <string_view>

#include "platform/http/json_body.hpp"
#include "platform/http/pagination.hpp"
#include "promotions/coupons.hpp"
#include "platform/time/timestamp.hpp"

namespace moderno::promotions {
namespace json = boost::json;
namespace {

constexpr std::int64_t kMaxMoney = 1'000'000'000'000;  // pesos
constexpr std::int64_t kMaxUses = 1'000'000'000;
constexpr std::size_t kMaxScopeIds = 1000;

bool IsCode(std::string_view s) {
  return s.size() >= kMinCodeLength && s.size() <= kMaxCodeLength &&
         std::ranges::all_of(s, [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
         });
}

// Reads the members of a coupon body, collecting every problem (see http::Fields).
class Reader {
 public:
  Reader(const json::object& o, bool create) : o_(o), fields_(o), create_(create) {}

  // Absent: nothing (the default on create). null: the default on create, an error on update.
  bool Present(const char* name) {
    auto it = o_.find(name);
    if (it == o_.end()) return false;
    if (!it->value().is_null()) return true;
    if (!create_) Add(name, "required", std::string(name) + " may not be null");
    return false;
  }
  std::optional<std::string> Text(const char* name, std::size_t max) {
    if (!Present(name)) return std::nullopt;
    return fields_.String(name, max, true);
  }
  std::optional<std::int64_t> Int(const char* name, std::int64_t min, std::int64_t max) {
    if (!Present(name)) return std::nullopt;
    return fields_.Int(name, min, max, true);
  }
  std::optional<bool> Bool(const char* name) {
    if (!Present(name)) return std::nullopt;
    return fields_.Bool(name, true);
  }
  // A nullable integer: absent, null (clears) or a value.
  Nullable<std::int64_t> NullableInt(const char* name, std::int64_t min, std::int64_t max) {
    auto it = o_.find(name);
    if (it == o_.end()) return std::nullopt;
    if (it->value().is_null()) return Nullable<std::int64_t>(std::in_place);
    auto n = fields_.Int(name, min, max, true);
    if (!n) return std::nullopt;
    return Nullable<std::int64_t>(std::in_place, *n);
  }
  // A nullable timestamp, stored form.
  Nullable<std::string> Timestamp(const char* name, bool end_of_day) {
    auto it = o_.find(name);
    if (it == o_.end()) return std::nullopt;
    if (it->value().is_null()) return Nullable<std::string>(std::in_place);
    std::optional<std::string> stored;
    if (it->value().is_string()) stored = time::ParseTimestamp(it->value().as_string(), end_of_day);
    if (!stored) {
      Add(name, "invalid",
          std::string(name) +
              " must be an ISO 8601 timestamp such as 2026-03-01T00:00:00Z, a date, or null");
      return std::nullopt;
    }
    return Nullable<std::string>(std::in_place, std::move(*stored));
  }
  // An array of positive ids, deduplicated in ascending order; null is the empty list.
  std::optional<std::vector<std::int64_t>> Ids(const char* name) {
    auto it = o_.find(name);
    if (it == o_.end()) return std::nullopt;
    if (it->value().is_null()) return std::vector<std::int64_t>{};
    const std::string message = std::string(name) + " must be an array of positive integer ids";
    if (!it->value().is_array()) {
      Add(name, "type", message);
      return std::nullopt;
    }
    const json::array& items = it->value().as_array();
    if (items.size() > kMaxScopeIds) {
      Add(name, "too_many", std::string(name) + " may list at most 1000 ids");
      return std::nullopt;
    }
    std::set<std::int64_t> ids;
    for (const json::value& v : items) {
      std::int64_t id = 0;
      if (v.is_int64()) id = v.as_int64();
      else if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
        id = static_cast<std::int64_t>(v.as_uint64());
      if (id < 1) {
        Add(name, "type", message);
        return std::nullopt;
      }
      ids.insert(id);
    }
    return std::vector<std::int64_t>(ids.begin(), ids.end());
  }
  // Every member not in `known` is an error, so that a misspelt field is not ignored.
  void OnlyKnown(std::initializer_list<std::string_view> known) {
    for (const auto& member : o_) {
      const std::string_view key = member.key();
      if (std::ranges::find(known, key) == known.end()) {
        Add(std::string(key), "unknown", "unknown field " + std::string(key));
      }
    }
  }
  void Add(std::string field, std::string code, std::string message) {
    fields_.Add(std::move(field), std::move(code), std::move(message));
  }
  bool ok() const { return fields_.ok(); }
  std::vector<FieldError>& errors() { return fields_.errors(); }

 private:
  const json::object& o_;
  http::Fields fields_;
  bool create_;
};

// Absent or null.
bool Missing(const json::object& body, const char* name) {
  auto it = body.find(name);
  return it == body.end() || it->value().is_null();
}

json::value OrNull(const std::optional<std::int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::value IsoOrNull(const std::optional<std::string>& v) {
  return v ? json::value(time::IsoTimestamp(*v)) : json::value(nullptr);
}

json::array Array(const std::vector<std::int64_t>& ids) {
  json::array out;
  for (std::int64_t id : ids) out.emplace_back(id);
  return out;
}

}  // namespace

Result<CouponInput> ParseCouponInput(const json::object& body, bool create) {
  Reader r(body, create);
  r.OnlyKnown({"code", "type", "value", "min_subtotal", "starts_at", "ends_at", "usage_limit",
               "usage_limit_per_customer", "category_ids", "product_ids", "is_active"});
  CouponInput in;
  if (auto code = r.Text("code", 255)) {
    in.code = CanonicalCode(*code);
    if (!IsCode(*in.code)) {
      r.Add("code", "invalid", "code must be 3 to 40 characters of A-Z, 0-9, _ and -");
      in.code.reset();
    }
  } else if (create && Missing(body, "code")) {
    r.Add("code", "required", "code is required");
  }
  if (auto type = r.Text("type", 32)) {
    if (*type != kPercentage && *type != kFixed && *type != kFreeShipping) {
      r.Add("type", "invalid", "type must be percentage, fixed or free_shipping");
    } else {
      in.type = std::move(*type);
    }
  } else if (create && Missing(body, "type")) {
    r.Add("type", "required", "type is required");
  }
  in.value = r.Int("value", 0, kMaxMoney);
  in.min_subtotal = r.Int("min_subtotal", 0, kMaxMoney);
  in.starts_at = r.Timestamp("starts_at", false);
  in.ends_at = r.Timestamp("ends_at", true);
  in.usage_limit = r.NullableInt("usage_limit", 1, kMaxUses);
  in.usage_limit_per_customer = r.NullableInt("usage_limit_per_customer", 1, kMaxUses);
  in.category_ids = r.Ids("category_ids");
  in.product_ids = r.Ids("product_ids");
  in.is_active = r.Bool("is_active");
  if (!r.ok()) return Invalid(std::move(r.errors()));
  return in;
}

Result<CouponFilter> ParseCouponFilter(
    const std::vector<std::pair<std::string, std::string>>& query) {
  std::vector<FieldError> errors;
  CouponFilter f;
  const http::PageRequest page = http::ReadPage(query, errors);
  f.page = page.page;
  f.limit = page.limit;
  for (const auto& [name, value] : query) {
    if (name == "q" && !value.empty()) {
      if (value.size() > kMaxCodeLength) {
        errors.push_back({"q", "too_long", "q must be at most 40 characters"});
      } else {
        f.q = CanonicalCode(value);
      }
    } else if (name == "is_active" && !value.empty()) {
      if (value != "true" && value != "false") {
        errors.push_back({"is_active", "invalid", "is_active must be true or false"});
      } else {
        f.is_active = value == "true";
      }
    }
  }
  if (!errors.empty()) return Invalid(std::move(errors));
  return f;
}

json::object ToJson(const Coupon& c) {
  return {{"id", c.id},
          {"code", c.code},
          {"type", c.type},
          {"value", c.value},
          {"min_subtotal", c.min_subtotal},
          {"starts_at", IsoOrNull(c.starts_at)},
          {"ends_at", IsoOrNull(c.ends_at)},
          {"usage_limit", OrNull(c.usage_limit)},
          {"usage_limit_per_customer", OrNull(c.usage_limit_per_customer)},
          {"times_used", c.times_used},
          {"is_active", c.is_active},
          {"category_ids", Array(c.category_ids)},
          {"product_ids", Array(c.product_ids)},
          {"created_at", time::IsoTimestamp(c.created_at)},
          {"updated_at", time::IsoTimestamp(c.updated_at)}};
}

}  // namespace moderno::promotions
