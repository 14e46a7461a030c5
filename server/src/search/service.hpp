#pragma once
// The search use cases behind the HTTP routes: validating parameters (422 naming each bad
// one), running the engine, and answering with the catalog's own product summaries.
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "catalog/model.hpp"
#include "catalog/service.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "search/engine.hpp"
#include "search/live_stock.hpp"

namespace moderno::search {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// The longest query accepted, in characters.
inline constexpr std::size_t kMaxQueryChars = 200;

struct Settings {
  // Price bucket edges (CLP, ascending): buckets are [0, e1), [e1, e2), ..., [eN, inf).
  std::vector<std::int64_t> price_edges;
};

// Validated parameters of GET /api/v1/search/products.
struct ProductSearch {
  SearchRequest request;
  int page = 1;
  int limit = 20;
};

// Validated parameters of GET /api/v1/search/suggestions.
struct SuggestionQuery {
  std::string q;
  int limit = 8;
};

class Service {
 public:
  Service(catalog::Service& catalog, Engine& engine, Settings settings);

  Result<ProductSearch> ParseProductSearch(const QueryParams& params);
  // The response body (results, aggregations, suggestions, total, took, page, limit) in its
  // stored form, without the products' stock: Serve() fills it in (live_stock.hpp).
  Result<std::string> SearchProducts(const ProductSearch& s);
  // The body served for a stored search answer: stock and in_stock from the index's live table.
  std::string Serve(std::string_view stored) const;
  // Whether a stored answer can be served right now without waiting: not while this process's
  // own changes are on their way to the index (a shopper sees their own store's writes).
  bool ServesWithoutWaiting() const { return !engine_.LocalChangesPending(); }
  // Waits for them (up to 1 s), as an uncached search does.
  void AwaitLocalChanges() { (void)engine_.AwaitLocalChanges(); }

  Result<SuggestionQuery> ParseSuggestions(const QueryParams& params);
  // The response body: {q, suggestions: [{text, type, slug, id?}]}.
  Result<boost::json::object> Suggestions(const SuggestionQuery& s);

  // The catalog list's `search=`: a page of ids in the list's order (no relaxed matching, so
  // the list keeps meaning "every word").
  Result<catalog::IdPage> ForCatalog(const catalog::ProductQuery& q);

 private:
  catalog::Service& catalog_;
  Engine& engine_;
  Settings settings_;
};

// Parses "10000,20000,50000" into ascending positive edges; an error names what is wrong.
Result<std::vector<std::int64_t>> ParsePriceEdges(std::string_view text);

// The bucket names for the edges: "0-10000", "10000-20000", ..., "50000+".
std::vector<std::string> BucketNames(const std::vector<std::int64_t>& edges);

// Characters (UTF-8 code points) in a string.
std::size_t CharCount(std::string_view utf8);

}  // namespace moderno::search
