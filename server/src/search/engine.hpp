#pragma once
// The node's search index: Xapian, embedded, in <data_dir>/search, fed from the database's
// change log (platform/search_log).
//
// Threads. Xapian handles are not thread-safe: each search leases a reader from a pool (one per
// concurrent worker at most) and reopens it when the index has committed since; one writer,
// guarded by a mutex, applies changes. With Start() a background thread owns the writing:
// it opens (or rebuilds) the index, then follows the change log every poll interval and
// whenever Notify() says this process committed a change. Without Start() (tests, tools) the
// first search opens the index and searches apply pending changes themselves.
//
// Freshness. Notify() is called after every local commit that may change search; a search
// that starts later waits (up to 1 s) until the index has applied it, so a shopper sees their
// own store's writes. Changes made by other nodes are picked up by the poll.
//
// Crash safety. Changes are applied in Xapian transactions that also store the last applied
// change id, so after a crash the index resumes exactly where its last commit left off.
// Re-applying a change is harmless (a document is rebuilt from the database).
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "search/document.hpp"
#include "search/index_dir.hpp"
#include "search/live_stock.hpp"
#include "search/memory_index.hpp"
#include "search/synonyms.hpp"

namespace moderno::search {

// Result orders.
enum class Order { kRelevance, kPriceAsc, kPriceDesc, kNewest, kRating, kName, kPopularity };

struct Filters {
  std::vector<std::int64_t> category_ids;  // any of (a category and its descendants)
  std::optional<std::int64_t> brand_id;
  std::optional<std::int64_t> price_min, price_max;
  std::optional<bool> in_stock, featured;
};

struct SearchRequest {
  std::string text;  // as typed; empty: browse
  Filters filters;
  Order order = Order::kRelevance;
  std::int64_t offset = 0;
  int limit = 20;
  // Facet counts over the whole match set, each with the other filters applied.
  bool facets = false;
  std::vector<std::int64_t> price_edges;  // ascending bucket edges (with facets)
  // When no product has every word, answer with those that have most of them.
  bool relax = true;
};

struct FacetCounts {
  std::map<std::int64_t, std::int64_t> categories;  // by each product's own category
  std::map<std::int64_t, std::int64_t> brands;
  std::vector<std::int64_t> price_buckets;  // price_edges.size() + 1 buckets
};

struct Matches {
  std::vector<std::int64_t> ids;  // the page, in order
  std::int64_t total = 0;
  FacetCounts facets;
  std::string corrected;  // the query with spelling corrected; "" when nothing was
  bool relaxed = false;   // no product had every word; these have most of them
  bool counted_in_memory = false;  // the facet pass read the memory (memory_index.hpp), not the index
  std::size_t ranked_candidates = 0;  // the page was ranked among this many candidates (ranker.hpp), or all matches (0)
  bool ranked_in_memory = false;      // and its order came from the memory, not the index
};

// A product name completing what was typed.
struct Completion {
  std::int64_t id = 0;
  std::string slug;
  std::string name;
};

// What /health/detailed shows.
struct EngineStatus {
  std::string state;  // "ready", "building", "error", "closed" (not opened yet)
  std::int64_t documents = 0;
  std::int64_t applied_change_id = 0;
  std::int64_t pending_changes = 0;    // change-log rows not yet applied
  double seconds_since_sync = -1;      // since the last look at the change log
  std::string detail;
};

// What an index commit changed, for the caches of answers built from the index.
struct Applied {
  // Something a search answer shows or ranks by, other than stock: a product's text, price,
  // rating, featured flag or images, an addition or a removal, a category or a brand.
  bool results_changed = true;
  // A stock move (a 'stock' row) took a product in or out of stock: the in-stock filter and
  // ranking boost see it. False when stock moved only within in-stock or out-of-stock.
  bool stock_flipped = true;
  // A product was added, removed or renamed (its id, slug or name, what suggestions show), or
  // a category or brand changed.
  bool names_changed = true;
  // The whole index was built or swapped, or a category or brand changed: anything may differ.
  bool rebuilt = true;
  // Otherwise: the products whose rows the batch applied (stock moves too: a sale changes the
  // popularity order), when it was read, and whether it read everything committed before then
  // (the last batch of a sync).
  std::vector<std::int64_t> products;
  std::chrono::steady_clock::time_point read_at{};
  bool complete = false;
};

struct EngineOptions {
  std::filesystem::path dir;               // <data_dir>/search
  std::filesystem::path synonyms_file;     // re-read when it changes
  std::string_view default_synonyms;       // when the file is missing
  std::size_t batch_size = 500;            // change-log rows per transaction
  std::chrono::milliseconds poll_interval{200};
  std::chrono::milliseconds gap_grace{5000};  // how long a missing change id is waited for
  std::chrono::hours retention{24 * 7};       // change-log rows older than this are pruned
  // Keep the words and facet values in memory for the facet pass (search/memory_index.hpp);
  // off, every pass reads the index (tests compare the two).
  bool memory_index = true;
  // After each commit (cache invalidation).
  std::function<void(const Applied&)> on_applied;
};

class Engine {
 public:
  Engine(db::Database& db, EngineOptions options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Starts the background indexer (opens or rebuilds the index, then follows the log).
  void Start();
  // Stops it (the destructor does too).
  void Stop();
  // A change that search may show was committed by this process.
  void Notify();

  // Runs a search; kUnavailable while the index is first being built.
  Result<Matches> Search(const SearchRequest& request);
  // Product names with a word starting with the last typed word (and the earlier words).
  Result<std::vector<Completion>> Complete(std::string_view text, int limit);
  // Opens the index if needed and applies every pending change now.
  Result<void> CatchUp();
  // True while a change this process committed (Notify) is not yet in the index.
  bool LocalChangesPending() const { return notified_.load() > caught_up_.load(); }
  // Waits (up to 1 s) until the index has applied this process's changes, as a search does.
  Result<void> AwaitLocalChanges() { return Prepare(); }
  EngineStatus Status();
  // Available units by product, current with the index (filled into cached search answers).
  const LiveStock& stock() const { return stock_; }

 private:
  struct Reader;
  class Lease;
  enum class State { kClosed, kBuilding, kReady, kError };

  Result<void> Prepare();
  Result<void> OpenLocked();
  void AdoptLocked(const std::filesystem::path& path);
  Result<void> SyncLocked();
  Result<bool> ApplyBatchLocked();
  void AdvanceLocked(std::chrono::steady_clock::time_point now);
  void CommitLocked(bool changed);
  void SwitchIfSwappedLocked();
  void Run();
  void PruneLocked();
  // The memory of the reader's index generation, or nullptr when the one published is of
  // another (the passes then read the index).
  std::shared_ptr<const MemoryIndex> Memory(const Reader& reader);
  // Builds the memory of the writer's index, labelled with the next generation, and publishes it.
  void RememberLocked();
  Lease AcquireReader();
  void ReleaseReader(std::unique_ptr<Reader> r);
  template <class F>
  auto WithReader(F&& f) -> decltype(f(std::declval<const Reader&>()));

  db::Database& db_;
  EngineOptions opt_;
  IndexDir dir_;
  SynonymSource synonyms_;
  LiveStock stock_;

  // Writer state, guarded by write_mu_.
  std::mutex write_mu_;
  std::optional<Xapian::WritableDatabase> writer_;
  std::filesystem::path writer_path_;
  std::int64_t checkpoint_ = 0;
  std::set<std::int64_t> applied_above_;  // applied ids above the checkpoint (gaps below them)
  std::map<std::int64_t, std::chrono::steady_clock::time_point> gaps_;  // missing id -> first seen
  std::chrono::steady_clock::time_point last_prune_{};
  std::chrono::steady_clock::time_point last_stamp_{};

  // Shared with readers and status.
  std::atomic<State> state_{State::kClosed};
  std::atomic<std::uint64_t> commit_gen_{0};
  std::atomic<std::uint64_t> path_gen_{0};
  std::atomic<std::int64_t> checkpoint_seen_{0};
  std::atomic<std::int64_t> applied_above_count_{0};
  std::atomic<std::int64_t> last_sync_ms_{-1};
  std::mutex path_mu_;
  std::filesystem::path reader_path_;
  std::string detail_;  // guarded by path_mu_

  // The writer's memory, published before each commit with the generation the commit makes.
  std::mutex memory_mu_;
  std::shared_ptr<const MemoryIndex> memory_;

  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Reader>> readers_;

  // Notifications and waiting for them.
  std::atomic<std::uint64_t> notified_{0};
  std::atomic<std::uint64_t> caught_up_{0};
  std::mutex wait_mu_;
  std::condition_variable wake_;      // the indexer thread
  std::condition_variable progress_;  // searches waiting for caught_up_
  std::atomic<bool> background_{false};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace moderno::search
