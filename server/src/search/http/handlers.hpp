#pragma once
// The search domain's HTTP operations, one per file, and what they are given.
#include <chrono>

#include "platform/cache/cache.hpp"
#include "platform/http/message.hpp"
#include "search/service.hpp"

namespace moderno::search {

// What the search handlers need.
struct HttpDeps {
  Service& service;
  cache::Cache& cache;
  std::chrono::seconds ttl;
};

// The cache namespace of search answers (stored without stock, see live_stock.hpp): refreshed
// when the index commits a change that answers show other than stock, dropped when the catalog
// changes through this node's staff routes.
inline constexpr const char* kCacheNamespace = "search";
// Answers filtered by stock (filters[in_stock]): also refreshed when a product goes in or out
// of stock. Unfiltered answers keep their order then (only the in-stock ranking boost could
// move, for up to CACHE_TTL_SECONDS); their stock and in_stock fields are live anyway.
inline constexpr const char* kInStockCacheNamespace = "search.in_stock";
// The namespace of a search request's answer.
const char* SearchNamespace(const http::Request& req);
// Suggestions' own namespace: dropped when product names, categories or brands change, not
// when only stock does (suggestions show no stock).
inline constexpr const char* kSuggestCacheNamespace = "search.suggest";

// GET /api/v1/search/products
http::Response SearchProducts(http::Request& req, HttpDeps& d);
// GET /api/v1/search/suggestions
http::Response Suggestions(http::Request& req, HttpDeps& d);


}  // namespace moderno::search
