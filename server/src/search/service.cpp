#include "search/service.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>

#include "catalog/json.hpp"
#include "platform/http/pagination.hpp"
#include "search/analysis.hpp"

namespace moderno::search {
namespace json = boost::json;
namespace {

constexpr int kMaxSuggestions = 20;
constexpr int kDefaultSuggestions = 8;
// The filters[...] a product search understands.
constexpr std::string_view kFilterPrefix = "filters[";
constexpr std::array<std::string_view, 6> kFilters = {"category", "brand",    "price_min",
                                                      "price_max", "in_stock", "featured"};

template <class T>
bool ParseNumber(std::string_view s, T& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool ParseBool(std::string_view s, bool& out) {
  if (s == "true" || s == "1") out = true;
  else if (s == "false" || s == "0") out = false;
  else return false;
  return true;
}

std::optional<Order> ParseOrder(std::string_view s) {
  if (s == "relevance") return Order::kRelevance;
  if (s == "price_asc") return Order::kPriceAsc;
  if (s == "price_desc") return Order::kPriceDesc;
  if (s == "newest") return Order::kNewest;
  if (s == "rating") return Order::kRating;
  return std::nullopt;
}

Order FromCatalog(catalog::Sort s) {
  switch (s) {
    case catalog::Sort::kRelevance: return Order::kRelevance;
    case catalog::Sort::kNewest: return Order::kNewest;
    case catalog::Sort::kPriceAsc: return Order::kPriceAsc;
    case catalog::Sort::kPriceDesc: return Order::kPriceDesc;
    case catalog::Sort::kName: return Order::kName;
    case catalog::Sort::kRating: return Order::kRating;
    case catalog::Sort::kPopularity: return Order::kPopularity;
  }
  return Order::kRelevance;
}

std::optional<std::string> Get(const QueryParams& params, std::string_view name) {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return std::nullopt;
}

// Sorted by count (largest first), then by key.
template <class Map>
json::object ByCount(const Map& counts) {
  std::vector<std::pair<std::string, std::int64_t>> items(counts.begin(), counts.end());
  std::ranges::sort(items, [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  json::object out;
  for (const auto& [k, n] : items) out[k] = n;
  return out;
}

// True when every earlier typed word is a word of `name` and the last starts one.
bool NameMatches(const std::vector<std::string>& typed, const std::vector<std::string>& name) {
  for (std::size_t i = 0; i < typed.size(); ++i) {
    const bool last = i + 1 == typed.size();
    const bool found = std::ranges::any_of(name, [&](const std::string& w) {
      return last ? w.starts_with(typed[i]) : w == typed[i];
    });
    if (!found) return false;
  }
  return true;
}

}  // namespace

std::size_t CharCount(std::string_view utf8) {
  return static_cast<std::size_t>(
      std::ranges::count_if(utf8, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Result<std::vector<std::int64_t>> ParsePriceEdges(std::string_view text) {
  std::vector<std::int64_t> edges;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    std::int64_t n = 0;
    if (!ParseNumber(item, n) || n <= 0) {
      return Fail(Errc::kInvalidArgument, "price edges must be positive integers separated by commas");
    }
    if (!edges.empty() && n <= edges.back()) {
      return Fail(Errc::kInvalidArgument, "price edges must be in ascending order");
    }
    edges.push_back(n);
    start = comma + 1;
  }
  return edges;
}

std::vector<std::string> BucketNames(const std::vector<std::int64_t>& edges) {
  std::vector<std::string> names;
  std::int64_t from = 0;
  for (auto e : edges) {
    names.push_back(std::to_string(from) + "-" + std::to_string(e));
    from = e;
  }
  names.push_back(std::to_string(from) + "+");
  return names;
}

Service::Service(catalog::Service& catalog, Engine& engine, Settings settings)
    : catalog_(catalog), engine_(engine), settings_(std::move(settings)) {}

Result<ProductSearch> Service::ParseProductSearch(const QueryParams& params) {
  ProductSearch s;
  SearchRequest& r = s.request;
  std::vector<FieldError> errors;
  const http::PageRequest page = http::ReadPage(params, errors);
  s.page = page.page;
  s.limit = page.limit;
  if (auto q = Get(params, "q")) {
    if (CharCount(*q) > kMaxQueryChars) {
      errors.push_back({"q", "too_long", "q must be at most 200 characters"});
    } else {
      r.text = *q;
    }
  }
  if (auto v = Get(params, "sort")) {
    if (auto o = ParseOrder(*v)) r.order = *o;
    else errors.push_back({"sort", "invalid", "sort must be one of relevance, price_asc, price_desc, newest, rating"});
  }
  for (const auto& [k, v] : params) {
    if (!k.starts_with(kFilterPrefix)) continue;
    const std::string_view name = std::string_view(k).substr(kFilterPrefix.size());
    if (!name.ends_with(']') ||
        std::ranges::find(kFilters, name.substr(0, name.size() - 1)) == kFilters.end()) {
      errors.push_back({k, "unknown_filter",
                        "filters are category, brand, price_min, price_max, in_stock and featured"});
    }
  }
  for (const char* name : {"price_min", "price_max"}) {
    const std::string field = "filters[" + std::string(name) + "]";
    if (auto v = Get(params, field)) {
      std::int64_t n = 0;
      if (!ParseNumber(std::string_view(*v), n) || n < 0) {
        errors.push_back({field, "invalid", field + " must be a non-negative integer"});
      } else {
        (std::string_view(name) == "price_min" ? r.filters.price_min : r.filters.price_max) = n;
      }
    }
  }
  if (r.filters.price_min && r.filters.price_max && *r.filters.price_min > *r.filters.price_max) {
    errors.push_back({"filters[price_min]", "invalid_range", "price_min must not exceed price_max"});
  }
  for (const char* name : {"in_stock", "featured"}) {
    const std::string field = "filters[" + std::string(name) + "]";
    if (auto v = Get(params, field)) {
      bool b = false;
      if (!ParseBool(*v, b)) errors.push_back({field, "invalid", field + " must be true or false"});
      else (std::string_view(name) == "in_stock" ? r.filters.in_stock : r.filters.featured) = b;
    }
  }
  auto category = Get(params, "filters[category]");
  auto brand = Get(params, "filters[brand]");
  if ((category && !category->empty()) || (brand && !brand->empty())) {
    auto taxonomy = catalog_.GetTaxonomy();
    if (!taxonomy) return std::unexpected(taxonomy.error());
    if (category && !category->empty()) {
      if (const catalog::Category* c = (*taxonomy)->categories.Find(*category)) {
        r.filters.category_ids = (*taxonomy)->categories.Subtree(c->id);
      } else {
        errors.push_back({"filters[category]", "unknown", "no category with id or slug '" + *category + "'"});
      }
    }
    if (brand && !brand->empty()) {
      if (const catalog::Brand* b = (*taxonomy)->FindBrand(*brand)) {
        r.filters.brand_id = b->id;
      } else {
        errors.push_back({"filters[brand]", "unknown", "no brand with id, slug or name '" + *brand + "'"});
      }
    }
  }
  if (!errors.empty()) return Invalid(std::move(errors), "Invalid search parameters.");
  r.offset = static_cast<std::int64_t>(s.page - 1) * s.limit;
  r.limit = s.limit;
  r.facets = true;
  r.price_edges = settings_.price_edges;
  return s;
}

Result<std::string> Service::SearchProducts(const ProductSearch& s) {
  const auto started = std::chrono::steady_clock::now();
  auto taxonomy = catalog_.GetTaxonomy();
  if (!taxonomy) return std::unexpected(taxonomy.error());
  auto matches = engine_.Search(s.request);
  if (!matches) return std::unexpected(matches.error());
  auto summaries = catalog_.Summaries(matches->ids);
  if (!summaries) return std::unexpected(summaries.error());

  // The stored form: each product's stock is left out and filled in when served.
  std::string body = "{\"results\":[";
  std::vector<StockSlot> slots;
  for (const auto& p : *summaries) {
    json::object o = catalog::ToJson(p);
    o.erase("stock");
    o.erase("in_stock");
    if (!slots.empty()) body += ',';
    body += '{';
    slots.push_back({body.size(), p.id, p.stock});
    body.append(json::serialize(o), 1);  // without its '{'; never empty (id, name, ...)
  }
  body += "],";

  // Categories count their descendants' products, as the category tree does.
  const catalog::CategoryTree& tree = (*taxonomy)->categories;
  std::map<std::string, std::int64_t> categories;
  for (const auto& [id, n] : matches->facets.categories) {
    for (const auto& step : tree.Breadcrumbs(id)) categories[step.slug] += n;
  }
  std::map<std::string, std::int64_t> brands;
  for (const auto& [id, n] : matches->facets.brands) {
    for (const catalog::Brand& b : (*taxonomy)->brands) {
      if (b.id == id) brands[b.name] += n;
    }
  }
  json::object prices;
  const std::vector<std::string> names = BucketNames(s.request.price_edges);
  for (std::size_t i = 0; i < names.size(); ++i) {
    prices[names[i]] = i < matches->facets.price_buckets.size() ? matches->facets.price_buckets[i] : 0;
  }
  json::array suggestions;
  if (!matches->corrected.empty()) suggestions.emplace_back(matches->corrected);

  const double took =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  const json::object rest{
      {"aggregations",
       {{"categories", ByCount(categories)}, {"brands", ByCount(brands)}, {"price_ranges", std::move(prices)}}},
      {"suggestions", std::move(suggestions)},
      {"total", matches->total},
      {"took", static_cast<std::int64_t>(std::llround(took))},
      {"page", s.page},
      {"limit", s.limit},
  };
  body.append(json::serialize(rest), 1);
  return EncodeStocked(body, slots);
}

std::string Service::Serve(std::string_view stored) const { return FillStocked(stored, engine_.stock()); }

Result<SuggestionQuery> Service::ParseSuggestions(const QueryParams& params) {
  SuggestionQuery s;
  std::vector<FieldError> errors;
  if (auto q = Get(params, "q")) {
    if (CharCount(*q) > kMaxQueryChars) errors.push_back({"q", "too_long", "q must be at most 200 characters"});
    else s.q = *q;
  }
  s.limit = kDefaultSuggestions;
  if (auto v = Get(params, "limit")) {
    int n = 0;
    if (!ParseNumber(std::string_view(*v), n) || n < 1 || n > kMaxSuggestions) {
      errors.push_back({"limit", "out_of_range", "limit must be an integer from 1 to 20"});
    } else {
      s.limit = n;
    }
  }
  if (!errors.empty()) return Invalid(std::move(errors), "Invalid suggestion parameters.");
  return s;
}

Result<json::object> Service::Suggestions(const SuggestionQuery& s) {
  json::array out;
  const std::vector<std::string> typed = Words(s.q);
  if (!typed.empty()) {
    auto taxonomy = catalog_.GetTaxonomy();
    if (!taxonomy) return std::unexpected(taxonomy.error());
    // Brands and categories first (at most half the list), those starting with the text
    // before those with a later word starting with it; then product names.
    const std::string normalized = Normalized(s.q);
    std::vector<std::pair<bool, json::object>> named;
    for (const catalog::Brand& b : (*taxonomy)->brands) {
      const std::string key = Normalized(b.name);
      if (NameMatches(typed, Words(b.name)) || key.starts_with(normalized)) {
        named.emplace_back(key.starts_with(normalized),
                           json::object{{"text", b.name}, {"type", "brand"}, {"slug", b.slug}});
      }
    }
    for (const auto& [id, c] : (*taxonomy)->categories.by_id) {
      const std::string key = Normalized(c.name);
      if (NameMatches(typed, Words(c.name)) || key.starts_with(normalized)) {
        named.emplace_back(key.starts_with(normalized),
                           json::object{{"text", c.name}, {"type", "category"}, {"slug", c.slug}});
      }
    }
    std::ranges::stable_sort(named, [](const auto& a, const auto& b) { return a.first > b.first; });
    const int named_cap = (s.limit + 1) / 2;
    for (auto& [starts, o] : named) {
      if (static_cast<int>(out.size()) >= named_cap) break;
      out.push_back(std::move(o));
    }
    const int room = s.limit - static_cast<int>(out.size());
    auto products = room > 0 ? engine_.Complete(s.q, room) : Result<std::vector<Completion>>{};
    if (!products) return std::unexpected(products.error());
    for (const Completion& c : *products) {
      out.push_back(json::object{{"text", c.name}, {"type", "product"}, {"slug", c.slug}, {"id", c.id}});
    }
  }
  return json::object{{"q", s.q}, {"suggestions", std::move(out)}};
}

Result<catalog::IdPage> Service::ForCatalog(const catalog::ProductQuery& q) {
  SearchRequest r;
  r.text = q.search;
  r.filters.category_ids = q.category_ids;
  r.filters.brand_id = q.brand_id;
  r.filters.price_min = q.price_min;
  r.filters.price_max = q.price_max;
  r.filters.in_stock = q.in_stock;
  r.filters.featured = q.featured;
  r.order = FromCatalog(q.sort);
  r.offset = static_cast<std::int64_t>(q.page - 1) * q.limit;
  r.limit = q.limit;
  r.relax = false;
  auto m = engine_.Search(r);
  if (!m) return std::unexpected(m.error());
  return catalog::IdPage{std::move(m->ids), m->total};
}

}  // namespace moderno::search
