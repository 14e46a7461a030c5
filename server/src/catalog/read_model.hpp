#pragma once
// The catalog read model (issue 16): every visible product's filter and sort keys in memory, on
// every node, so category pages and filter-only browsing choose their page of ids and count
// their total without SQL (the page's summaries are then read by primary key).
//
// The orders come from the database itself (one ORDER BY per sort at each build), so names sort
// by the dialect's collation exactly as the SQL path does. It is rebuilt in the background when
// the search change log (followed by the search indexer on every node) shows a product,
// category or brand change, and its in-stock set is reloaded when a product goes in or out of
// stock. After a catalog write on this node it answers nothing (the caller uses SQL) until a
// rebuild that started after the write has finished, so a node reads its own writes.
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "catalog/model.hpp"
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

  // Something a listing filters or sorts by changed (product, category, brand): rebuild.
  void CatalogChanged();
  // A catalog write committed on this node: answer from SQL until it is rebuilt.
  void LocalWrite();
  // Some product went in or out of stock: reload the in-stock set (at most every 250 ms).
  void StockChanged();
  // Stock moved on this node: in-stock filters use SQL until the set is reloaded.
  void LocalStockWrite();

  // Builds (or rebuilds) now, on the caller's thread; for tests and the first build.
  Result<void> Rebuild();
  Result<void> ReloadStock();
  // True once a build finished after the last local write and stock reload request.
  bool Current() const;
  // Visible products and the model's approximate heap size.
  std::size_t Products() const;
  std::size_t MemoryBytes() const;

 private:
  static constexpr std::size_t kSorts = 6;
  struct Snapshot {
    std::vector<std::int64_t> ids;        // by position
    std::vector<std::int32_t> category;   // dense category index by position
    std::vector<std::int64_t> brand;      // 0: none
    std::vector<std::int64_t> price;
    std::vector<std::uint8_t> featured;
    std::vector<std::uint8_t> in_stock;
    std::unordered_map<std::int64_t, std::int32_t> category_index;
    std::unordered_map<std::int64_t, std::uint32_t> position;
    std::array<std::vector<std::uint32_t>, kSorts> order;  // positions per sort
  };
  void Loop(std::stop_token stop);

  db::Database& db_;
  mutable std::mutex mu_;
  std::shared_ptr<const Snapshot> snap_;
  // The in-stock set reloaded since `stock_for_` was built (a stock move replaces only this).
  std::shared_ptr<const std::vector<std::uint8_t>> stock_;
  const Snapshot* stock_for_ = nullptr;
  std::condition_variable_any wake_;
  bool rebuild_wanted_ = true;
  bool stock_wanted_ = false;
  std::atomic<std::uint64_t> writes_{0};        // local writes seen
  std::atomic<std::uint64_t> writes_built_{0};  // local writes the snapshot includes
  std::atomic<std::uint64_t> stock_writes_{0};
  std::atomic<std::uint64_t> stock_built_{0};
  std::jthread thread_;
};

}  // namespace moderno::catalog
