#pragma once
// The catalog's use cases: validating list queries, reading pages and products, and the
// invalidation hook that write paths call after they commit.
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "catalog/model.hpp"
#include "catalog/read_model.hpp"
#include "catalog/repository.hpp"
#include "platform/cache/cache.hpp"
#include "platform/db/db.hpp"

namespace moderno::catalog {

// Categories and brands: small, read on every list request, reloaded after changes.
struct Taxonomy {
  CategoryTree categories;
  std::vector<Brand> brands;

  const Brand* FindBrand(const std::string& id_or_slug_or_name) const;
};

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Finds the ids of a page of products for a list query with a search (the search engine,
// installed by the app); kUnavailable makes the list fall back to plain word matching.
using Searcher = std::function<Result<IdPage>(const ProductQuery&)>;

class Service {
 public:
  Service(db::Database& db, cache::Cache& cache);

  // The current taxonomy (loaded on first use after an invalidation: 3 queries).
  Result<std::shared_ptr<const Taxonomy>> GetTaxonomy();
  // Validates the list parameters; 422 naming every bad parameter.
  Result<ProductQuery> ParseProductQuery(const QueryParams& params);
  Result<ProductPage> ListProducts(const ProductQuery& q);
  // The visible products with these ids, in the same order: from the read model's summaries,
  // and from SQL for any it does not hold (all of them while it cannot answer).
  Result<std::vector<ProductSummary>> Summaries(const std::vector<std::int64_t>& ids);
  Result<ProductDetail> GetProduct(const std::string& id_or_slug);

  // Drops every cached catalog read; write paths register this with AfterCommit.
  void Invalidate();
  // The same after a change of stock only (checkout, cancellation, expiry): cached reads are
  // refreshed rather than dropped (cache.hpp), the taxonomy is kept, and listeners are told
  // that names, prices and the taxonomy stayed.
  void InvalidateStock();
  // Called by Invalidate (after the catalog dropped its caches) with `stock_only`: the search
  // index follows.
  void OnInvalidate(std::function<void(bool stock_only)> listener);
  // Tells the other nodes of a local Invalidate (Redis, when configured); set before serving.
  void SetBroadcast(std::function<void(bool stock_only)> broadcast) { broadcast_ = std::move(broadcast); }
  // Another node invalidated: the same drop and listeners, without telling the others again.
  void ApplyRemote(bool stock_only) { Drop(stock_only); }
  // Installs the search engine for list queries with `search`.
  void SetSearcher(Searcher searcher);
  // Installs the in-memory read model for list queries without `search` (SQL while it cannot
  // answer); it must outlive the service.
  void SetReadModel(const ReadModel* model) { read_model_ = model; }

  // The cache namespace of catalog reads.
  static constexpr const char* kCacheNamespace = "catalog";

 private:
  db::Database& db_;
  cache::Cache& cache_;
  Repository repo_;
  std::mutex mu_;
  std::shared_ptr<const Taxonomy> taxonomy_;
  std::vector<std::function<void(bool)>> listeners_;  // set at startup, then only read
  std::function<void(bool)> broadcast_;
  void Drop(bool stock_only);
  Searcher searcher_;
  const ReadModel* read_model_ = nullptr;
};

}  // namespace moderno::catalog
