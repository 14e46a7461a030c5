#include "search/engine.hpp"

#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <utility>

#include "platform/log/log.hpp"
#include "platform/time/time.hpp"
#include "search/analysis.hpp"
#include "search/boost_source.hpp"
#include "search/checkpoint.hpp"
#include "search/document.hpp"
#include "search/queries.hpp"
#include "search/ranker.hpp"
#include "search/text_query.hpp"

namespace moderno::search {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// A search waits this long for the index to apply a change this process committed.
constexpr auto kFreshnessWait = std::chrono::seconds(1);
// After a failed open or build, the indexer tries again this much later.
constexpr auto kRetryOpen = std::chrono::seconds(5);
constexpr auto kPruneEvery = std::chrono::hours(1);
// Products read from the database per query while applying changes.
constexpr std::size_t kProductsPerRead = 500;
// Completions are picked from this many candidates per requested one (names repeat).
constexpr int kCompletionCandidates = 8;
constexpr Xapian::termcount kWildcardExpansion = 60;

std::int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch())
      .count();
}

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t ParseInt(const std::string& s) {
  try {
    return s.empty() ? 0 : std::stoll(s);
  } catch (...) {
    return 0;
  }
}

std::unexpected<Error> IndexUnavailable(const std::string& internal) {
  Error e;
  e.code = Errc::kUnavailable;
  e.type = "search_unavailable";
  e.detail = "The search index is being prepared; try again in a moment.";
  e.internal = internal;
  e.retry_after_seconds = 2;
  return std::unexpected(std::move(e));
}

// Counts by id: an array for the small ids tables give out, a map above them.
class IdCounter {
 public:
  void Add(std::int64_t id) {
    if (id >= 0 && id < kDense) {
      if (static_cast<std::size_t>(id) >= dense_.size()) dense_.resize(static_cast<std::size_t>(id) + 1, 0);
      ++dense_[static_cast<std::size_t>(id)];
    } else {
      ++sparse_[id];
    }
  }
  std::map<std::int64_t, std::int64_t> Counts() const {
    std::map<std::int64_t, std::int64_t> out(sparse_.begin(), sparse_.end());
    for (std::size_t id = 0; id < dense_.size(); ++id) {
      if (dense_[id] != 0) out[static_cast<std::int64_t>(id)] = dense_[id];
    }
    return out;
  }

 private:
  static constexpr std::int64_t kDense = 1 << 16;
  std::vector<std::int64_t> dense_;
  std::unordered_map<std::int64_t, std::int64_t> sparse_;
};

// Counts facets over the matches it is given, applying to each facet the filters of the others.
class FacetCounter {
 public:
  FacetCounter(const Filters& f, const std::vector<std::int64_t>& edges)
      : categories_(f.category_ids), brand_(f.brand_id), min_(f.price_min), max_(f.price_max),
        edges_(edges), buckets_(edges.size() + 1, 0) {
    std::ranges::sort(categories_);
  }

  // Counts `v`; true when it passes every filter (it is one of the results).
  bool Add(const FacetValue& v) {
    const bool in_category =
        categories_.empty() || std::ranges::binary_search(categories_, v.category_id);
    const bool in_brand = !brand_ || v.brand_id == *brand_;
    const bool in_price = (!min_ || v.price >= *min_) && (!max_ || v.price <= *max_);
    if (in_brand && in_price) by_category_.Add(v.category_id);
    if (in_category && in_price && v.brand_id != 0) by_brand_.Add(v.brand_id);
    if (in_category && in_brand) {
      const auto at = std::ranges::upper_bound(edges_, v.price) - edges_.begin();
      ++buckets_[static_cast<std::size_t>(at)];
    }
    if (!(in_category && in_brand && in_price)) return false;
    ++total_;
    return true;
  }

  std::int64_t total() const { return total_; }
  FacetCounts Counts() const {
    FacetCounts c;
    c.categories = by_category_.Counts();
    c.brands = by_brand_.Counts();
    c.price_buckets = buckets_;
    return c;
  }

 private:
  std::vector<std::int64_t> categories_;
  std::optional<std::int64_t> brand_, min_, max_;
  const std::vector<std::int64_t>& edges_;
  IdCounter by_category_, by_brand_;
  std::vector<std::int64_t> buckets_;
  std::int64_t total_ = 0;
};

// Counts facets over every match Xapian finds. Reads each match's facet value from `table`
// (by document id) when given, else from the document.
class FacetSpy : public Xapian::MatchSpy {
 public:
  FacetSpy(FacetCounter& counter, const FacetTable* table) : counter_(counter), table_(table) {}

  void operator()(const Xapian::Document& doc, double) override {
    if (!table_) {
      FacetValue v;
      if (UnpackFacet(doc.get_value(kFacetSlot), v)) counter_.Add(v);
      return;
    }
    const Xapian::docid id = doc.get_docid();
    if (id < table_->values.size() && table_->present[id]) counter_.Add(table_->values[id]);
  }

 private:
  FacetCounter& counter_;
  const FacetTable* table_;
};

// The facet pass from memory: the text query's documents as a set, with the in-stock and
// featured filters; false when the query has an operator the set cannot follow. `results`
// gets the matches that pass every filter, in ascending id.
bool CountFromMemory(const Xapian::Database& db, const Xapian::Query& text, const Filters& f,
                     const MemoryIndex& memory, FacetCounter& counter, std::vector<std::uint32_t>& results,
                     PostingCache& read) {
  std::optional<DocSet> matches = Evaluate(text, memory, db, &read);
  if (!matches) return false;
  const auto apply = [&](const std::optional<bool>& wanted, std::string_view term) {
    if (!wanted) return;
    DocSet with(memory.limit);
    if (auto it = memory.terms->find(std::string(term)); it != memory.terms->end()) it->second->AddTo(with);
    if (*wanted) matches->And(with);
    else matches->AndNot(with);
  };
  apply(f.in_stock, kInStockTerm);
  apply(f.featured, kFeaturedTerm);
  // The table is read at scattered ids (a few MB at 100k products, tens at 1M): each read is
  // asked for kAhead matches early, so the cache misses overlap instead of queueing.
  const FacetTable& table = *memory.facets;
  std::vector<std::uint32_t> ids;
  ids.reserve(matches->Count());
  matches->ForEach([&](std::uint32_t id) {
    if (id < table.values.size()) ids.push_back(id);
  });
  constexpr std::size_t kAhead = 16;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i + kAhead < ids.size()) {
      __builtin_prefetch(&table.values[ids[i + kAhead]]);
      __builtin_prefetch(&table.present[ids[i + kAhead]]);
    }
    if (table.present[ids[i]] && counter.Add(table.values[ids[i]])) results.push_back(ids[i]);
  }
  return true;
}

Xapian::Query Term(std::string_view prefix, std::int64_t id) {
  return Xapian::Query(std::string(prefix) + std::to_string(id));
}

// The query restricted by the filters; the facet filters (category, brand, price) only when
// `facet_filters`, since the facet pass applies them per facet itself.
Xapian::Query Filtered(Xapian::Query q, const Filters& f, bool facet_filters) {
  std::vector<Xapian::Query> filters;
  if (facet_filters) {
    if (!f.category_ids.empty()) {
      std::vector<Xapian::Query> terms;
      for (auto id : f.category_ids) terms.push_back(Term(kCategoryPrefix, id));
      filters.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }
    if (f.brand_id) filters.push_back(Term(kBrandPrefix, *f.brand_id));
    const auto ser = [](std::int64_t v) { return Xapian::sortable_serialise(static_cast<double>(v)); };
    if (f.price_min && f.price_max) {
      filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, kPriceSlot, ser(*f.price_min), ser(*f.price_max));
    } else if (f.price_min) {
      filters.emplace_back(Xapian::Query::OP_VALUE_GE, kPriceSlot, ser(*f.price_min));
    } else if (f.price_max) {
      filters.emplace_back(Xapian::Query::OP_VALUE_LE, kPriceSlot, ser(*f.price_max));
    }
  }
  if (f.in_stock && *f.in_stock) filters.emplace_back(std::string(kInStockTerm));
  if (f.featured && *f.featured) filters.emplace_back(std::string(kFeaturedTerm));
  if (!filters.empty()) {
    q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                      Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
  }
  if (f.in_stock && !*f.in_stock) {
    q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(std::string(kInStockTerm)));
  }
  if (f.featured && !*f.featured) {
    q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(std::string(kFeaturedTerm)));
  }
  return q;
}

// Adds the in-stock and featured boosts to whatever matches: from the memory of the reader's
// generation when there is one, else from the index's boost values (the same weights).
Xapian::Query Boosted(const Xapian::Query& q, const std::shared_ptr<const MemoryIndex>& memory) {
  Xapian::PostingSource* source = memory && !memory->facets->boost_overflow
                                       ? static_cast<Xapian::PostingSource*>(new BoostSource(memory->facets))
                                       : new Xapian::ValueWeightPostingSource(kBoostSlot);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, Xapian::Query(source->release()));
}

void ApplyOrder(Xapian::Enquire& e, Order order, Xapian::MultiValueKeyMaker& rating) {
  switch (order) {
    case Order::kRelevance: break;
    case Order::kPriceAsc: e.set_sort_by_value_then_relevance(kPriceSlot, false); break;
    case Order::kPriceDesc: e.set_sort_by_value_then_relevance(kPriceSlot, true); break;
    case Order::kNewest: e.set_sort_by_value_then_relevance(kCreatedSlot, true); break;
    case Order::kName: e.set_sort_by_value_then_relevance(kNameSlot, false); break;
    case Order::kPopularity: e.set_sort_by_value_then_relevance(kSalesSlot, true); break;
    case Order::kRating:
      rating.add_value(kRatingSlot, true);
      rating.add_value(kReviewsSlot, true);
      e.set_sort_by_key_then_relevance(&rating, false);
      break;
  }
}

// The facet pass (every match, no ranking: from memory when it can) and the page.
Matches RunPasses(const Xapian::Database& db, const Xapian::Query& text, const SearchRequest& r,
                  const std::shared_ptr<const MemoryIndex>& memory) {
  const Xapian::doccount all = db.get_doccount();
  Matches m;
  std::vector<std::uint32_t> results;
  PostingCache read;  // an exact SKU or name's postings, read once for both passes
  if (r.facets) {
    FacetCounter counter(r.filters, r.price_edges);
    m.counted_in_memory = memory && CountFromMemory(db, text, r.filters, *memory, counter, results, read);
    if (!m.counted_in_memory) {
      FacetSpy spy(counter, memory ? memory->facets.get() : nullptr);
      Xapian::Enquire e(db);
      e.set_query(Filtered(text, r.filters, false));
      e.set_weighting_scheme(Xapian::BoolWeight());
      e.add_matchspy(&spy);
      e.get_mset(0, 0, all);
    }
    m.total = counter.total();
    m.facets = counter.Counts();
    if (m.total == 0) return m;
  }
  Xapian::Query ranked = Boosted(Filtered(text, r.filters, true), memory);
  // By relevance, Xapian weighs only the matches that can reach the page, or none when the
  // memory can tell the page's order itself (ranker.hpp).
  if (m.counted_in_memory && r.order == Order::kRelevance) {
    const auto k = static_cast<std::size_t>(r.offset + r.limit);
    if (auto ranking = RankPage(text, results, k, *memory, db, &read)) {
      m.ranked_candidates = ranking->candidates.size();
      if (ranking->ordered) {
        m.ranked_in_memory = true;
        for (std::size_t i = static_cast<std::size_t>(r.offset); i < ranking->page.size(); ++i) {
          m.ids.push_back(static_cast<std::int64_t>(ranking->page[i]));
        }
        return m;
      }
      auto ids = std::make_shared<const std::vector<std::uint32_t>>(std::move(ranking->candidates));
      ranked = Xapian::Query(Xapian::Query::OP_FILTER, ranked, Xapian::Query((new CandidateSource(std::move(ids)))->release()));
    }
  }
  Xapian::Enquire e(db);
  e.set_query(ranked);
  e.set_weighting_scheme(RankingWeight());
  Xapian::MultiValueKeyMaker rating;
  ApplyOrder(e, r.order, rating);
  const Xapian::MSet page = e.get_mset(static_cast<Xapian::doccount>(r.offset),
                                       static_cast<Xapian::doccount>(r.limit), r.facets ? 0 : all);
  if (!r.facets) m.total = page.get_matches_estimated();
  for (auto it = page.begin(); it != page.end(); ++it) m.ids.push_back(static_cast<std::int64_t>(*it));
  return m;
}

Matches RunSearch(const Xapian::Database& db, const Synonyms& synonyms, const SearchRequest& r,
                  const std::shared_ptr<const MemoryIndex>& memory) {
  const TextQuery tq = BuildTextQuery(r.text, synonyms, db, memory.get());
  // Not Xapian::Query::MatchAll: that is one static object, and copying it bumps a reference
  // count that is not atomic, so searches on several threads corrupted it (a segfault under
  // load, seen in bench/search.sh). An empty term matches every document, built per search.
  Matches m = RunPasses(db, tq.empty ? Xapian::Query(std::string()) : tq.strict, r, memory);
  if (m.total == 0 && r.relax && !tq.relaxed.empty()) {
    const bool strict_in_memory = m.counted_in_memory;
    m = RunPasses(db, tq.relaxed, r, memory);
    m.relaxed = true;
    m.counted_in_memory = m.counted_in_memory && strict_in_memory;
  }
  m.corrected = tq.corrected;
  return m;
}

std::vector<Completion> RunComplete(const Xapian::Database& db, std::string_view text, int limit,
                                    const std::shared_ptr<const MemoryIndex>& memory) {
  const std::vector<std::string> words = Words(text);
  std::vector<Completion> out;
  if (words.empty()) return out;
  std::vector<Xapian::Query> parts;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    parts.emplace_back(Xapian::Query::OP_OR, Xapian::Query(std::string(kNameWordPrefix) + words[i]),
                       Xapian::Query(Stem(words[i])));
  }
  parts.emplace_back(Xapian::Query::OP_WILDCARD, std::string(kNameWordPrefix) + words.back(),
                     kWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  Xapian::Enquire e(db);
  e.set_query(Boosted(Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()), memory));
  const Xapian::MSet candidates =
      e.get_mset(0, static_cast<Xapian::doccount>(limit * kCompletionCandidates));
  // Names that start with what was typed come first; a name is offered once.
  const std::string typed = Normalized(text);
  std::vector<std::pair<bool, Completion>> found;
  std::set<std::string> seen;
  for (auto it = candidates.begin(); it != candidates.end(); ++it) {
    const std::string data = it.get_document().get_data();
    const auto tab1 = data.find('\t');
    const auto tab2 = data.find('\t', tab1 + 1);
    if (tab1 == std::string::npos || tab2 == std::string::npos) continue;
    Completion c{ParseInt(data.substr(0, tab1)), data.substr(tab1 + 1, tab2 - tab1 - 1),
                 data.substr(tab2 + 1)};
    const std::string key = Normalized(c.name);
    if (!seen.insert(key).second) continue;
    found.emplace_back(key.starts_with(typed), std::move(c));
  }
  std::ranges::stable_sort(found, [](const auto& a, const auto& b) { return a.first > b.first; });
  for (auto& [starts, c] : found) {
    if (static_cast<int>(out.size()) >= limit) break;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

// ---- readers ----

struct Engine::Reader {
  Xapian::Database db;
  std::uint64_t commit_gen = 0;
  std::uint64_t path_gen = 0;
};

class Engine::Lease {
 public:
  Lease(Engine& engine, std::unique_ptr<Reader> reader) : engine_(engine), reader_(std::move(reader)) {}
  Lease(Lease&&) = default;
  ~Lease() {
    if (reader_) engine_.ReleaseReader(std::move(reader_));
  }
  Reader* operator->() { return reader_.get(); }
  Reader* get() { return reader_.get(); }

 private:
  Engine& engine_;
  std::unique_ptr<Reader> reader_;
};

Engine::Lease Engine::AcquireReader() {
  std::unique_ptr<Reader> r;
  {
    std::lock_guard lock(readers_mu_);
    if (!readers_.empty()) {
      r = std::move(readers_.back());
      readers_.pop_back();
    }
  }
  const std::uint64_t path_gen = path_gen_.load();
  const std::uint64_t commit_gen = commit_gen_.load();
  if (!r || r->path_gen != path_gen) {
    fs::path path;
    {
      std::lock_guard lock(path_mu_);
      path = reader_path_;
    }
    r = std::make_unique<Reader>();
    r->db = Xapian::Database(path.string());
    r->path_gen = path_gen;
    r->commit_gen = commit_gen;
  } else if (r->commit_gen != commit_gen) {
    r->db.reopen();
    r->commit_gen = commit_gen;
  }
  return Lease(*this, std::move(r));
}

void Engine::ReleaseReader(std::unique_ptr<Reader> r) {
  std::lock_guard lock(readers_mu_);
  readers_.push_back(std::move(r));
}

template <class F>
auto Engine::WithReader(F&& f) -> decltype(f(std::declval<const Reader&>())) {
  for (int attempt = 1;; ++attempt) {
    Lease lease = AcquireReader();
    try {
      return f(*lease.get());
    } catch (const Xapian::DatabaseModifiedError&) {
      // The writer committed twice since this reader opened: reopen and run again.
      if (attempt >= 3) throw;
      lease->commit_gen = 0;
    } catch (const Xapian::DatabaseOpeningError&) {
      // The directory was replaced by a rebuild.
      if (attempt >= 3) throw;
      lease->path_gen = 0;
    }
  }
}

// ---- life cycle ----

Engine::Engine(db::Database& db, EngineOptions options)
    : db_(db),
      opt_(std::move(options)),
      dir_(opt_.dir),
      synonyms_(opt_.synonyms_file, opt_.default_synonyms) {}

Engine::~Engine() {
  Stop();
  std::lock_guard lock(write_mu_);
  writer_.reset();
}

void Engine::Start() {
  if (background_.exchange(true)) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void Engine::Stop() {
  if (!background_) return;
  {
    std::lock_guard lock(wait_mu_);
    stop_ = true;
  }
  wake_.notify_all();
  progress_.notify_all();
  if (thread_.joinable()) thread_.join();
  background_ = false;
}

void Engine::Notify() {
  ++notified_;
  std::lock_guard lock(wait_mu_);
  wake_.notify_one();
}

void Engine::Run() {
  auto next_open = Clock::now();
  std::int64_t failures = 0;
  while (!stop_) {
    const std::uint64_t target = notified_.load();
    if (state_ != State::kReady && Clock::now() >= next_open) {
      std::lock_guard lock(write_mu_);
      if (!OpenLocked()) next_open = Clock::now() + kRetryOpen;
    }
    if (state_ == State::kReady) {
      std::lock_guard lock(write_mu_);
      if (auto synced = SyncLocked(); synced) {
        caught_up_ = std::max(caught_up_.load(), target);
        failures = 0;
      } else if (failures++ % 50 == 0) {
        log::Warn("search indexer: cannot apply changes",
                  {{"error", synced.error().internal.empty() ? synced.error().detail
                                                             : synced.error().internal}});
      }
      PruneLocked();
    }
    std::unique_lock lock(wait_mu_);
    progress_.notify_all();
    wake_.wait_for(lock, opt_.poll_interval,
                   [&] { return stop_.load() || notified_.load() > caught_up_.load(); });
  }
}

Result<void> Engine::Prepare() {
  if (state_ != State::kReady) {
    if (background_) {
      std::lock_guard lock(path_mu_);
      return IndexUnavailable(detail_);
    }
    std::lock_guard lock(write_mu_);
    if (state_ != State::kReady) {
      const std::uint64_t target = notified_.load();
      if (auto opened = OpenLocked(); !opened) return opened;
      // A fresh (or long closed) index first applies what the log holds beyond it.
      if (SyncLocked()) caught_up_ = std::max(caught_up_.load(), target);
    }
  }
  const std::uint64_t target = notified_.load();
  if (caught_up_.load() >= target) return {};
  if (background_) {
    std::unique_lock lock(wait_mu_);
    wake_.notify_one();
    // On timeout the search answers from the index as it is.
    progress_.wait_for(lock, kFreshnessWait,
                       [&] { return stop_.load() || caught_up_.load() >= target; });
    return {};
  }
  std::lock_guard lock(write_mu_);
  if (caught_up_.load() >= target) return {};
  if (auto synced = SyncLocked(); !synced) {
    log::Warn("search: cannot apply changes", {{"error", synced.error().internal}});
    return {};
  }
  caught_up_ = std::max(caught_up_.load(), target);
  return {};
}

Result<void> Engine::CatchUp() {
  std::lock_guard lock(write_mu_);
  if (state_ != State::kReady) {
    if (auto opened = OpenLocked(); !opened) return opened;
  }
  const std::uint64_t target = notified_.load();
  auto synced = SyncLocked();
  if (synced) caught_up_ = std::max(caught_up_.load(), target);
  return synced;
}

// ---- opening ----

Result<void> Engine::OpenLocked() {
  state_ = State::kBuilding;
  std::string reason;
  if (auto current = dir_.Current()) {
    try {
      Xapian::WritableDatabase w(current->string(), Xapian::DB_OPEN);
      const std::int64_t applied = ParseInt(w.get_metadata(std::string(kAppliedKey)));
      const std::int64_t synced_at = ParseInt(w.get_metadata(std::string(kSyncedAtKey)));
      auto last = db_.Read([](db::UnitOfWork& uow) -> Result<std::int64_t> {
        return uow.QueryOne(sql::kLastChangeId)->Int(0);
      });
      if (!last) {
        state_ = State::kError;
        return std::unexpected(last.error());
      }
      const auto max_age = std::chrono::duration_cast<std::chrono::seconds>(opt_.retention / 2);
      if (w.get_metadata(std::string(kFormatKey)) != kFormat) {
        reason = "the index has an older format";
      } else if (applied > *last) {
        reason = "the change log is behind the index (a different database?)";
      } else if (UnixNow() - synced_at > max_age.count()) {
        reason = "the index is older than the change log's retention";
      } else {
        writer_.emplace(std::move(w));
        AdoptLocked(*current);
        log::Info("search index opened", {{"path", current->string()},
                                          {"documents", static_cast<long long>(writer_->get_doccount())},
                                          {"applied_change_id", static_cast<long long>(applied)}});
        return {};
      }
    } catch (const Xapian::DatabaseLockError& e) {
      state_ = State::kError;
      {
        std::lock_guard lock(path_mu_);
        detail_ = "the index is locked by another process";
      }
      log::Error("search index locked", {{"path", current->string()}, {"error", e.get_msg()}});
      return IndexUnavailable(e.get_description());
    } catch (const Xapian::Error& e) {
      reason = "the index cannot be read: " + e.get_msg();
    }
  } else {
    reason = "there is no index";
  }
  log::Warn("search index rebuilding", {{"reason", reason}, {"dir", dir_.root().string()}});
  {
    std::lock_guard lock(path_mu_);
    detail_ = "rebuilding: " + reason;
  }
  auto built = BuildIndex(db_, dir_, nullptr);
  if (!built) {
    state_ = State::kError;
    std::lock_guard lock(path_mu_);
    detail_ = "the index could not be built";
    log::Error("search index build failed", {{"error", built.error().internal}});
    return IndexUnavailable(built.error().internal);
  }
  log::Info("search index built", {{"path", built->path.string()},
                                   {"documents", static_cast<long long>(built->documents)},
                                   {"seconds", built->seconds}});
  try {
    writer_.emplace(built->path.string(), Xapian::DB_OPEN);
  } catch (const Xapian::Error& e) {
    state_ = State::kError;
    return IndexUnavailable(e.get_description());
  }
  AdoptLocked(built->path);
  return {};
}

void Engine::AdoptLocked(const fs::path& path) {
  writer_path_ = path;
  checkpoint_ = ParseInt(writer_->get_metadata(std::string(kAppliedKey)));
  applied_above_.clear();
  gaps_.clear();
  checkpoint_seen_ = checkpoint_;
  applied_above_count_ = 0;
  {
    std::lock_guard lock(path_mu_);
    reader_path_ = path;
    detail_.clear();
  }
  RememberLocked();
  ++path_gen_;
  ++commit_gen_;
  last_sync_ms_ = SteadyMs();
  // The live stock starts from the database; changes after this read are in the log above
  // the checkpoint, so applying them keeps it current.
  auto available = db_.Read([](db::UnitOfWork& uow) -> Result<std::unordered_map<std::int64_t, std::int64_t>> {
    std::unordered_map<std::int64_t, std::int64_t> out;
    for (const db::Row& r : uow.Query(sql::kAvailableByProduct)) out.emplace(r.Int(0), r.Int(1));
    return out;
  });
  if (available) {
    stock_.Reset(std::move(*available));
  } else {
    // Answers then show the stock read when they were rendered, until the products change.
    stock_.Reset({});
    log::Warn("search: cannot read the live stock", {{"error", available.error().internal}});
  }
  state_ = State::kReady;
}

void Engine::SwitchIfSwappedLocked() {
  const auto current = dir_.Current();
  if (!current || *current == writer_path_) return;
  const fs::path old = writer_path_;
  try {
    writer_.reset();
    writer_.emplace(current->string(), Xapian::DB_OPEN);
  } catch (const Xapian::Error& e) {
    log::Error("search index swap failed", {{"path", current->string()}, {"error", e.get_msg()}});
    writer_.reset();
    state_ = State::kError;
    return;
  }
  AdoptLocked(*current);
  log::Info("search index swapped", {{"path", current->string()}, {"previous", old.string()}});
  // Readers still holding the old directory finish from their open files.
  std::error_code ec;
  fs::remove_all(old, ec);
  if (opt_.on_applied) opt_.on_applied(Applied{});
}

void Engine::RememberLocked() {
  std::shared_ptr<const MemoryIndex> next;
  if (opt_.memory_index) {
    try {
      const auto start = Clock::now();
      auto m = std::make_shared<MemoryIndex>(BuildMemoryIndex(*writer_));
      m->path_gen = path_gen_ + 1;
      m->commit_gen = commit_gen_ + 1;
      log::Info("search memory built",
                {{"terms", static_cast<long long>(m->terms->size())},
                 {"bytes", static_cast<long long>(MemoryBytes(*m))},
                 {"ms", static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                   Clock::now() - start).count())}});
      next = std::move(m);
    } catch (const Xapian::Error& e) {
      // Searches read the index instead.
      log::Warn("search memory cannot be built", {{"error", e.get_description()}});
    }
  }
  std::lock_guard lock(memory_mu_);
  memory_ = std::move(next);
}

// ---- following the change log ----

Result<void> Engine::SyncLocked() {
  SwitchIfSwappedLocked();
  if (state_ != State::kReady || !writer_) return IndexUnavailable("no index open");
  for (;;) {
    auto more = ApplyBatchLocked();
    if (!more) return std::unexpected(more.error());
    if (!*more) break;
  }
  last_sync_ms_ = SteadyMs();
  return {};
}

Result<bool> Engine::ApplyBatchLocked() {
  const auto now = Clock::now();
  const std::int64_t high = applied_above_.empty() ? checkpoint_ : *applied_above_.rbegin();
  struct Batch {
    std::vector<std::int64_t> change_ids;
    std::vector<std::int64_t> products;
    std::set<std::int64_t> stock_only;  // products named only by 'stock' rows
    Categories categories;
    bool taxonomy = false;  // a category or brand changed
    bool more = false;
  };
  auto batch = db_.Read([&](db::UnitOfWork& uow) -> Result<Batch> {
    Batch b;
    std::set<std::int64_t> products, stock, categories, brands;
    auto take = [&](const db::Row& r) {
      b.change_ids.push_back(r.Int(0));
      const std::string entity = r.Str(1);
      if (entity == "product") products.insert(r.Int(2));
      else if (entity == "stock") stock.insert(r.Int(2));
      else if (entity == "category") categories.insert(r.Int(2));
      else if (entity == "brand") brands.insert(r.Int(2));
    };
    if (high > checkpoint_) {
      for (const db::Row& r : uow.Query(sql::kChangesBetween, {checkpoint_, high})) {
        if (!applied_above_.contains(r.Int(0))) take(r);
      }
    }
    const db::Rows fresh =
        uow.Query(sql::kChangesAfter, {high, static_cast<std::int64_t>(opt_.batch_size)});
    for (const db::Row& r : fresh) take(r);
    b.more = fresh.size() == opt_.batch_size;
    b.taxonomy = !categories.empty() || !brands.empty();
    if (b.change_ids.empty()) return b;
    b.categories = ReadCategories(uow);
    if (!categories.empty()) {
      // A category's documents are its products' and its descendants' products'.
      std::set<std::int64_t> affected;
      for (const auto& [id, c] : b.categories) {
        for (const CategoryRow* step : CategoryPath(b.categories, id)) {
          if (categories.contains(step->id)) affected.insert(id);
        }
      }
      affected.insert(categories.begin(), categories.end());
      std::string sql(sql::kProductsInCategories);
      std::vector<db::Value> params;
      for (auto id : affected) {
        sql += params.empty() ? "?" : ",?";
        params.emplace_back(id);
      }
      for (const db::Row& r : uow.Query(sql + ")", params)) products.insert(r.Int(0));
    }
    for (auto brand : brands) {
      for (const db::Row& r : uow.Query(sql::kProductsOfBrand, {brand})) products.insert(r.Int(0));
    }
    std::ranges::set_difference(stock, products, std::inserter(b.stock_only, b.stock_only.end()));
    products.insert(stock.begin(), stock.end());
    b.products.assign(products.begin(), products.end());
    return b;
  });
  if (!batch) return std::unexpected(batch.error());

  Checkpoint next{checkpoint_, applied_above_, gaps_};
  next.above.insert(batch->change_ids.begin(), batch->change_ids.end());
  Advance(next, now, opt_.gap_grace);
  if (batch->change_ids.empty() && next.applied == checkpoint_) {
    gaps_ = std::move(next.gaps);
    return false;
  }

  bool names_changed = batch->taxonomy;
  // Product rows may change anything an answer shows; stock rows only matter to cached answers
  // when a product goes in or out of stock (the in-stock filter and boost).
  bool results_changed = batch->taxonomy || batch->stock_only.size() < batch->products.size();
  bool stock_flipped = false;
  // The memory follows the batch and is published, labelled with the generation the commit
  // makes, before the commit: a reader that sees the commit is never labelled with the
  // memory before it.
  std::shared_ptr<const MemoryIndex> memory, previous;
  {
    std::lock_guard lock(memory_mu_);
    memory = memory_;
  }
  std::optional<MemoryUpdate> update;
  if (memory) update.emplace(*memory);
  bool published = false;
  try {
    writer_->begin_transaction();
    for (std::size_t begin = 0; begin < batch->products.size(); begin += kProductsPerRead) {
      const std::size_t n = std::min(kProductsPerRead, batch->products.size() - begin);
      const std::vector<std::int64_t> ids(batch->products.begin() + static_cast<std::ptrdiff_t>(begin),
                                          batch->products.begin() + static_cast<std::ptrdiff_t>(begin + n));
      auto records = db_.Read([&](db::UnitOfWork& uow) -> Result<std::vector<ProductRecord>> {
        return ReadProducts(uow, ids);
      });
      if (!records) {
        writer_->cancel_transaction();
        return std::unexpected(records.error());
      }
      std::set<std::int64_t> visible;
      for (const ProductRecord& p : *records) {
        visible.insert(p.id);
        std::set<std::string> words;
        Xapian::Document doc = BuildDocument(p, batch->categories, &words);
        // New words become spelling targets (the full build counts every product's words).
        for (const std::string& w : words) {
          if (!writer_->term_exists(Stem(w))) writer_->add_spelling(w);
        }
        if (!names_changed || !stock_flipped) {  // both are read from the stored document
          try {
            const Xapian::Document before = writer_->get_document(static_cast<Xapian::docid>(p.id));
            names_changed = names_changed || before.get_data() != doc.get_data();
            stock_flipped = stock_flipped || before.get_value(kBoostSlot) != doc.get_value(kBoostSlot);
          } catch (const Xapian::DocNotFoundError&) {
            names_changed = results_changed = true;  // newly visible
          }
        }
        if (update) update->Replace(*writer_, static_cast<Xapian::docid>(p.id), doc);
        writer_->replace_document(static_cast<Xapian::docid>(p.id), doc);
        stock_.Set(p.id, p.available);
      }
      for (auto id : ids) {
        if (visible.contains(id)) continue;
        stock_.Erase(id);
        try {
          if (update) update->Remove(*writer_, static_cast<Xapian::docid>(id));
          writer_->delete_document(static_cast<Xapian::docid>(id));
          names_changed = results_changed = true;
        } catch (const Xapian::DocNotFoundError&) {
          // Hidden already, or never visible.
        }
      }
    }
    writer_->set_metadata(std::string(kAppliedKey), std::to_string(next.applied));
    writer_->set_metadata(std::string(kSyncedAtKey), std::to_string(UnixNow()));
    if (update) {
      auto made = std::make_shared<const MemoryIndex>(update->Finish(path_gen_.load(), commit_gen_.load() + 1));
      std::lock_guard lock(memory_mu_);
      previous = std::exchange(memory_, std::move(made));
      published = true;
    }
    writer_->commit_transaction();
  } catch (const Xapian::Error& e) {
    try {
      writer_->cancel_transaction();
    } catch (const Xapian::Error&) {
    }
    if (published) {
      std::lock_guard lock(memory_mu_);
      memory_ = previous;
    }
    return Fail(Errc::kInternal, "The search index could not be updated.", e.get_description());
  }
  checkpoint_ = next.applied;
  applied_above_ = std::move(next.above);
  gaps_ = std::move(next.gaps);
  checkpoint_seen_ = checkpoint_;
  applied_above_count_ = static_cast<std::int64_t>(applied_above_.size());
  last_stamp_ = now;
  ++commit_gen_;
  if (opt_.on_applied) {
    opt_.on_applied(Applied{results_changed, stock_flipped, names_changed, batch->taxonomy, batch->products, now,
                            !batch->more});
  }
  return batch->more;
}

void Engine::PruneLocked() {
  const auto now = Clock::now();
  if (last_prune_ != Clock::time_point{} && now - last_prune_ < kPruneEvery) return;
  last_prune_ = now;
  const std::string cutoff = time::ToSql(std::chrono::system_clock::now() - opt_.retention);
  auto pruned = db_.Write([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
    const std::int64_t last = uow.QueryOne(sql::kLastChangeId)->Int(0);
    return uow.Exec(sql::kPruneChanges, {cutoff, last}).affected;
  });
  if (pruned && *pruned > 0) log::Info("search change log pruned", {{"rows", static_cast<long long>(*pruned)}});
  // An idle index still records that it is up to date (a long-stopped one is rebuilt).
  if (writer_ && now - last_stamp_ >= kPruneEvery) {
    try {
      writer_->set_metadata(std::string(kSyncedAtKey), std::to_string(UnixNow()));
      writer_->commit();
      last_stamp_ = now;
    } catch (const Xapian::Error& e) {
      log::Warn("search index: cannot record the sync time", {{"error", e.get_msg()}});
    }
  }
}

// ---- reading ----

std::shared_ptr<const MemoryIndex> Engine::Memory(const Reader& reader) {
  std::lock_guard lock(memory_mu_);
  if (memory_ && memory_->commit_gen == reader.commit_gen && memory_->path_gen == reader.path_gen) return memory_;
  return nullptr;
}

Result<Matches> Engine::Search(const SearchRequest& request) {
  if (auto ready = Prepare(); !ready) return std::unexpected(ready.error());
  const auto synonyms = synonyms_.Get();
  try {
    return WithReader([&](const Reader& reader) {
      return RunSearch(reader.db, *synonyms, request, Memory(reader));
    });
  } catch (const Xapian::Error& e) {
    return Fail(Errc::kInternal, "", "search: " + e.get_description());
  }
}

Result<std::vector<Completion>> Engine::Complete(std::string_view text, int limit) {
  if (auto ready = Prepare(); !ready) return std::unexpected(ready.error());
  try {
    return WithReader([&](const Reader& reader) { return RunComplete(reader.db, text, limit, Memory(reader)); });
  } catch (const Xapian::Error& e) {
    return Fail(Errc::kInternal, "", "completion: " + e.get_description());
  }
}

EngineStatus Engine::Status() {
  EngineStatus s;
  switch (state_.load()) {
    case State::kClosed: s.state = "closed"; break;
    case State::kBuilding: s.state = "building"; break;
    case State::kReady: s.state = "ready"; break;
    case State::kError: s.state = "error"; break;
  }
  {
    std::lock_guard lock(path_mu_);
    s.detail = detail_;
  }
  s.applied_change_id = checkpoint_seen_.load();
  if (state_ == State::kReady) {
    try {
      s.documents = WithReader([](const Reader& reader) {
        return static_cast<std::int64_t>(reader.db.get_doccount());
      });
    } catch (const Xapian::Error& e) {
      s.detail = e.get_msg();
    }
  }
  auto pending = db_.Read([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
    return uow.QueryOne(sql::kChangesPending, {s.applied_change_id})->Int(0);
  });
  s.pending_changes = pending ? std::max<std::int64_t>(0, *pending - applied_above_count_.load()) : -1;
  if (const auto ms = last_sync_ms_.load(); ms >= 0) s.seconds_since_sync = (SteadyMs() - ms) / 1000.0;
  return s;
}

}  // namespace moderno::search
