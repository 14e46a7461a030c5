#include "catalog/service.hpp"

#include <charconv>

#include "catalog/errors.hpp"
#include "platform/text/fold.hpp"
#include "platform/http/pagination.hpp"

namespace moderno::catalog {
namespace {

constexpr std::size_t kMaxSearchLength = 200;
constexpr std::size_t kMaxSearchWords = 8;

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

std::optional<Sort> ParseSort(std::string_view s) {
  if (s == "newest") return Sort::kNewest;
  if (s == "price_asc") return Sort::kPriceAsc;
  if (s == "price_desc") return Sort::kPriceDesc;
  if (s == "name") return Sort::kName;
  if (s == "rating") return Sort::kRating;
  if (s == "popularity") return Sort::kPopularity;
  if (s == "relevance") return Sort::kRelevance;
  return std::nullopt;
}

}  // namespace

const Brand* Taxonomy::FindBrand(const std::string& key) const {
  std::int64_t id = 0;
  const bool numeric = ParseNumber(std::string_view(key), id);
  for (const Brand& b : brands) {
    if ((numeric && b.id == id) || b.slug == key || b.name == key) return &b;
  }
  return nullptr;
}

Service::Service(db::Database& db, cache::Cache& cache) : db_(db), cache_(cache) {}

Result<std::shared_ptr<const Taxonomy>> Service::GetTaxonomy() {
  {
    std::lock_guard lock(mu_);
    if (taxonomy_) return taxonomy_;
  }
  auto loaded = db_.ReadReplica([&](db::UnitOfWork& uow) -> Result<std::shared_ptr<const Taxonomy>> {
    auto t = std::make_shared<Taxonomy>();
    t->categories = repo_.LoadCategoryTree(uow);
    t->brands = repo_.ListBrands(uow);
    return t;
  });
  if (!loaded) return loaded;
  std::lock_guard lock(mu_);
  taxonomy_ = *loaded;
  return taxonomy_;
}

void Service::Invalidate() {
  Drop(false);
  if (broadcast_) broadcast_(false);
}

void Service::InvalidateStock() {
  Drop(true);
  if (broadcast_) broadcast_(true);
}

void Service::Drop(bool stock_only) {
  if (!stock_only) {  // the taxonomy (names, tree, product counts) does not hold stock
    db_.ChangedData();  // what refills the caches reads the primary until the replica has it
    std::lock_guard lock(mu_);
    taxonomy_.reset();
  }
  // Stock moves (every order) refresh: the next request renders again, concurrent ones get the
  // previous answer meanwhile. Staff edits drop the answers.
  if (stock_only) cache_.Refresh(kCacheNamespace);
  else cache_.Invalidate(kCacheNamespace);
  for (const auto& listener : listeners_) listener(stock_only);
}

void Service::OnInvalidate(std::function<void(bool stock_only)> listener) { listeners_.push_back(std::move(listener)); }

void Service::SetSearcher(Searcher searcher) { searcher_ = std::move(searcher); }

Result<ProductQuery> Service::ParseProductQuery(const QueryParams& params) {
  auto get = [&](std::string_view name) -> std::optional<std::string> {
    for (const auto& [k, v] : params) {
      if (k == name) return v;
    }
    return std::nullopt;
  };
  ProductQuery q;
  std::vector<FieldError> errors;
  const http::PageRequest page = http::ReadPage(params, errors);
  q.page = page.page;
  q.limit = page.limit;
  if (auto v = get("sort")) {
    if (auto s = ParseSort(*v)) q.sort = *s;
    else errors.push_back({"sort", "invalid",
                           "sort must be one of price_asc, price_desc, newest, name, rating, "
                           "popularity, relevance"});
  }
  for (const char* name : {"price_min", "price_max"}) {
    if (auto v = get(name)) {
      std::int64_t n = 0;
      if (!ParseNumber(std::string_view(*v), n) || n < 0) {
        errors.push_back({name, "invalid", std::string(name) + " must be a non-negative integer"});
      } else {
        (std::string_view(name) == "price_min" ? q.price_min : q.price_max) = n;
      }
    }
  }
  if (q.price_min && q.price_max && *q.price_min > *q.price_max) {
    errors.push_back({"price_min", "invalid_range", "price_min must not exceed price_max"});
  }
  for (const char* name : {"in_stock", "featured"}) {
    if (auto v = get(name)) {
      bool b = false;
      if (!ParseBool(*v, b)) {
        errors.push_back({name, "invalid", std::string(name) + " must be true or false"});
      } else {
        (std::string_view(name) == "in_stock" ? q.in_stock : q.featured) = b;
      }
    }
  }
  if (auto v = get("search")) {
    if (v->size() > kMaxSearchLength) {
      errors.push_back({"search", "too_long", "search must be at most 200 characters"});
    } else {
      q.search = *v;
      std::string folded = text::Fold(*v);
      std::size_t i = 0;
      while (i < folded.size() && q.search_words.size() < kMaxSearchWords) {
        while (i < folded.size() && folded[i] == ' ') ++i;
        std::size_t j = folded.find(' ', i);
        if (j == std::string::npos) j = folded.size();
        if (j > i) q.search_words.push_back(folded.substr(i, j - i));
        i = j;
      }
    }
  }
  auto category = get("category");
  auto brand = get("brand");
  if ((category && !category->empty()) || (brand && !brand->empty())) {
    auto taxonomy = GetTaxonomy();
    if (!taxonomy) return std::unexpected(taxonomy.error());
    if (category && !category->empty()) {
      if (const Category* c = (*taxonomy)->categories.Find(*category)) {
        q.category_ids = (*taxonomy)->categories.Subtree(c->id);
      } else {
        errors.push_back({"category", "unknown", "no category with id or slug '" + *category + "'"});
      }
    }
    if (brand && !brand->empty()) {
      if (const Brand* b = (*taxonomy)->FindBrand(*brand)) {
        q.brand_id = b->id;
      } else {
        errors.push_back({"brand", "unknown", "no brand with id, slug or name '" + *brand + "'"});
      }
    }
  }
  if (!errors.empty()) return Invalid(std::move(errors), "Invalid product list parameters.");
  // A search is ordered by relevance unless another order was asked for.
  if (!q.search_words.empty() && !get("sort")) q.sort = Sort::kRelevance;
  return q;
}

Result<std::vector<ProductSummary>> Service::Summaries(const std::vector<std::int64_t>& ids) {
  std::vector<std::optional<ProductSummary>> held;
  if (read_model_) held = read_model_->Summaries(ids);
  std::vector<std::int64_t> missing;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (held.empty() || !held[i]) missing.push_back(ids[i]);
  }
  std::vector<ProductSummary> read;
  if (!missing.empty()) {
    auto rows = db_.ReadReplica([&](db::UnitOfWork& uow) -> Result<std::vector<ProductSummary>> {
      return repo_.SummariesByIds(uow, missing);
    });
    if (!rows) return std::unexpected(rows.error());
    if (held.empty()) return rows;
    read = std::move(*rows);
  }
  // The rows read are the visible ones among `missing`, in its order.
  std::vector<ProductSummary> out;
  out.reserve(ids.size());
  std::size_t next = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (held[i]) out.push_back(std::move(*held[i]));
    else if (next < read.size() && read[next].id == ids[i]) out.push_back(std::move(read[next++]));
  }
  return out;
}

Result<ProductPage> Service::ListProducts(const ProductQuery& q) {
  auto page_of = [&](const IdPage& chosen) -> Result<ProductPage> {
    auto items = Summaries(chosen.ids);
    if (!items) return std::unexpected(items.error());
    return ProductPage{std::move(*items), chosen.total};
  };
  if (searcher_ && !q.search_words.empty()) {
    auto found = searcher_(q);
    if (found) return page_of(*found);
    if (found.error().code != Errc::kUnavailable) return std::unexpected(found.error());
    // The index is still being built: plain word matching meanwhile.
  }
  if (read_model_) {
    if (auto chosen = read_model_->Page(q)) return page_of(*chosen);
  }
  return db_.ReadReplica([&](db::UnitOfWork& uow) -> Result<ProductPage> {
    return repo_.ListProducts(uow, q);
  });
}

Result<ProductDetail> Service::GetProduct(const std::string& key) {
  auto taxonomy = GetTaxonomy();
  if (!taxonomy) return std::unexpected(taxonomy.error());
  auto found = db_.ReadReplica([&](db::UnitOfWork& uow) -> Result<std::optional<ProductDetail>> {
    return repo_.FindProduct(uow, key);
  });
  if (!found) return std::unexpected(found.error());
  if (!*found) return ProductNotFound(key);
  ProductDetail d = std::move(**found);
  d.breadcrumbs = (*taxonomy)->categories.Breadcrumbs(d.summary.category.id);
  return d;
}

}  // namespace moderno::catalog
