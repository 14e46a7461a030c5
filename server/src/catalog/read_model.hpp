#pragma once
// The catalog read model (issue 16): every visible product's filter and sort keys in memory, on
// every node, so category pages and filter-only browsing choose their page of ids and count
// their total without SQL, and the page's product summaries (summaries.hpp) come from memory too.
//
// The orders come from the database itself (one ORDER BY per sort at each build), so names sort
// by the dialect's collation exactly as the SQL path does. Each category (with its
// descendants, as the taxonomy lists them) keeps its own list per sort, so an unfiltered page
// is a slice and a filtered one scans only that category.
//
// It follows the search change log (applied by the search indexer on every node): edited
// products are moved in place (price, rating, sales, brand, category, featured: keys compared in
// memory exactly as the ORDER BY compares them); anything else (a product added, hidden or
// renamed, a category or brand change) rebuilds it. The products of a batch that went in or out
// of stock are set in its in-stock set; after a stock move on this node the set is reloaded. After a catalog write on this node it answers nothing (the caller
// uses SQL) until it has applied a change-log batch read after the write, so a node reads its
// own writes. The summaries follow the same batches (the products in them are read again; a
// category or brand change loads them all), and after a stock move on this node too, since a
// card shows its stock.
#include <array>
#include <chrono>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <thread>
#include <unordered_map>
#include <vector>

#include "catalog/model.hpp"
#include "catalog/summaries.hpp"
#include "platform/db/db.hpp"

namespace moderno::catalog {

class ReadModel {
 public:
  explicit ReadModel(db::Database& db);
  ~ReadModel();
  ReadModel(const ReadModel&) = delete;
  ReadModel& operator=(const ReadModel&) = delete;

  // Starts the background builder (the first build runs at once).
  void Start();
  void Stop();

  // The page of ids and the total for a query without search words; nullopt when the model
  // cannot answer (not built yet, behind a local write, or a text search). Scans one order:
  // O(products), no allocation but the page.
  std::optional<IdPage> Page(const ProductQuery& q) const;
  // The summaries of these ids in order (nullopt for a product the table does not hold); empty
  // when the table cannot answer (not loaded yet, or behind a write on this node).
  std::vector<std::optional<ProductSummary>> Summaries(std::span<const std::int64_t> ids) const;

  // Something a listing filters or sorts by changed (a category, a brand, the whole index): rebuild.
  void CatalogChanged();
  // These products changed, as a change-log batch read at `read_at` shows them; `complete`: the
  // batch read everything committed before `read_at` (the indexer's last batch of a sync).
  void ProductsChanged(std::vector<std::int64_t> ids, std::chrono::steady_clock::time_point read_at,
                       bool complete);
  // A catalog write committed on this node: answer from SQL until a complete batch read after
  // it is applied (or, failing that within a second, a rebuild).
  void LocalWrite();
  // Reload the whole in-stock set (at most every 250 ms). The change log's stock moves need not
  // call it: ProductsChanged sets each applied product in or out of stock.
  void StockChanged();
  // Stock moved on this node: in-stock filters use SQL until the set is reloaded.
  void LocalStockWrite();

  // Builds (or rebuilds) now, on the caller's thread; for tests and the first build.
  Result<void> Rebuild();
  Result<void> ReloadStock();
  // Applies these products' current rows in place, in-stock flags too (a rebuild when one was
  // added, hidden or renamed); on the caller's thread, for tests and the background loop.
  Result<void> Apply(std::span<const std::int64_t> ids);
  // Loads every summary again, or reads these products' summaries again; on the caller's
  // thread, for tests and the background loop.
  Result<void> LoadSummaries();
  Result<void> RefreshSummaries(std::span<const std::int64_t> ids);
  // True once a build finished after the last local write and stock reload request, and the
  // summaries cover every local write.
  bool Current() const;
  // Visible products, the model's approximate heap size without the summaries, and theirs.
  std::size_t Products() const;
  std::size_t MemoryBytes() const;
  std::size_t SummaryBytes() const { return summaries_.MemoryBytes(); }
  // Full builds so far (an edit moved in place does not count).
  std::uint64_t Builds() const { return builds_.load(); }

 private:
  static constexpr std::size_t kSorts = 6;
  // Local writes (this node's, or another's it was told of) and how far a built state covers
  // them: a state read after write n covers it, and is trusted while it covers every write
  // counted. `counted` and `built` are read without the lock; the rest is under mu_.
  struct Coverage {
    std::atomic<std::uint64_t> counted{0};
    std::atomic<std::uint64_t> built{0};
    std::uint64_t last = 0;  // the latest write, when it was counted
    std::chrono::steady_clock::time_point last_at{};
    std::uint64_t covers = 0;  // what the pending batches cover

    void Count();
    // A complete change-log batch read at `read_at` is pending: it covers the writes before.
    void Cover(std::chrono::steady_clock::time_point read_at);
    void Built(std::uint64_t n);
    bool Trusted() const { return built.load() == counted.load(); }
    bool Uncovered() const { return covers > built.load(); }
    // A write not covered within a second (no batch listed it): build from scratch.
    bool Overdue(std::chrono::steady_clock::time_point now) const;
  };
  using Orders = std::array<std::vector<std::uint32_t>, kSorts>;  // positions per sort
  // What stays the same until the next rebuild (an edit moves products, never adds or renames).
  struct Frame {
    std::vector<std::int64_t> ids;        // by position
    std::vector<std::size_t> name_hash;   // a rename rebuilds
    std::unordered_map<std::int64_t, std::int32_t> category_index;  // dense index of categories with products
    std::unordered_map<std::int64_t, std::uint32_t> position;
    // Per category with its descendants (the taxonomy's sorted subtree ids): its entry; and for
    // each dense category index, the entries it belongs to.
    std::map<std::vector<std::int64_t>, std::size_t> subtree;
    std::vector<std::vector<std::uint32_t>> subtrees_of;
  };
  struct Snapshot {
    std::shared_ptr<const Frame> frame;
    std::vector<std::int32_t> category;   // dense category index by position
    std::vector<std::int64_t> brand;      // 0: none
    std::vector<std::int64_t> price;
    std::vector<std::uint8_t> featured;
    std::vector<std::uint8_t> in_stock;
    // The other sort keys, to move an edited product in place: rating (NULL: -infinity),
    // reviews, sales.
    std::vector<double> rating;
    std::vector<std::int64_t> reviews;
    std::vector<std::int64_t> sales;
    Orders order;
    std::vector<Orders> subtree_order;  // by subtree entry
  };
  // Fills subtree_order from order (one pass per sort).
  static void Split(Snapshot& s);
  // Moves `pos` to its place in `order` of sort `k` (its keys changed).
  static void Move(const Snapshot& s, std::size_t k, std::vector<std::uint32_t>& order, std::uint32_t pos);
  static bool Before(const Snapshot& s, std::size_t sort, std::uint32_t a, std::uint32_t b);
  void Loop(std::stop_token stop);

  db::Database& db_;
  mutable std::mutex mu_;
  std::shared_ptr<const Snapshot> snap_;
  // The in-stock set reloaded since `stock_for_` was built (a stock move replaces only this).
  std::shared_ptr<const std::vector<std::uint8_t>> stock_;
  const Snapshot* stock_for_ = nullptr;
  std::condition_variable_any wake_;
  bool rebuild_wanted_ = true;
  bool reload_wanted_ = true;  // the summaries, all of them
  bool stock_wanted_ = false;
  Coverage listed_;   // the snapshot: catalog writes
  Coverage carded_;   // the summaries: catalog and stock writes
  SummaryTable summaries_;
  std::atomic<std::uint64_t> stock_writes_{0};
  std::atomic<std::uint64_t> stock_built_{0};
  std::atomic<std::uint64_t> builds_{0};
  // Products to apply (the coverages hold what the next apply covers).
  std::set<std::int64_t> pending_;
  std::jthread thread_;
};

}  // namespace moderno::catalog
