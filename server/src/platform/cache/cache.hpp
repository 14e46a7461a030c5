#pragma once
// In-process cache for rendered read responses: bounded LRU with TTL, invalidated explicitly
// by namespace ("catalog") when a write path changes what it holds.
//
// Two ways to invalidate. Invalidate() drops a namespace: nobody is served its old entries.
// Refresh() marks them stale: the next caller of a key renders it again (so a caller that
// asks after the change gets a fresh answer whenever a refresh slot is free), and while that
// render runs, concurrent callers of the same key are served the stale entry instead of
// waiting for it. At most `max_refreshing` stale keys render at once; while every slot is busy,
// callers of other stale keys are served the stale entry and the key waits its turn. Refresh
// suits changes that arrive often and matter little for a moment (the search index's commits,
// stock moves); Invalidate suits staff edits.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstddef>
#include <condition_variable>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "platform/error.hpp"

namespace moderno::cache {

// Thread-safe LRU of string values grouped in namespaces.
class Cache {
 public:
  // `max_refreshing`: how many stale keys may be rendered again at once; the others are served
  // stale until a slot frees (so a burst of refreshes leaves CPU for the requests).
  Cache(std::size_t max_entries, std::size_t max_bytes, int max_refreshing = 1);

  // The value under ns/key when present, not expired and not invalidated since it was put, or
  // a stale one (Refresh) while another caller renders the key again (`stale` says which).
  // `count_miss` is false for look-ups that fall back to GetOrLoad, which counts the miss.
  // With `claim`, a caller that finds a stale entry nobody is rendering gets nullptr and the
  // key is claimed for it: it must call GetOrLoad, which renders; meanwhile every other caller
  // is served the stale entry at once (a claim lapses after a second).
  std::shared_ptr<const std::string> Get(const std::string& ns, const std::string& key,
                                         bool count_miss = true, bool* stale = nullptr, bool claim = false);
  // Stores a value for at most `ttl`.
  void Put(const std::string& ns, const std::string& key, std::string value,
           std::chrono::seconds ttl);
  // The value under ns/key, or the result of `load` stored for `ttl`. Concurrent callers of a
  // missing key share one `load` (no stampede when a popular entry expires or is invalidated).
  // `hit` tells whether the value came from the cache (`stale`: a stale one, served while
  // another caller renders the key). Errors are returned, never stored.
  Result<std::shared_ptr<const std::string>> GetOrLoad(
      const std::string& ns, const std::string& key, std::chrono::seconds ttl,
      const std::function<Result<std::string>()>& load, bool& hit, bool* stale = nullptr);
  // Drops every entry of a namespace (by moving it to a new generation).
  void Invalidate(const std::string& ns);
  // Marks every entry of a namespace stale (a new generation whose callers may be served the
  // older entries while they are rendered again).
  void Refresh(const std::string& ns);

  std::size_t entries() const;
  std::size_t bytes() const;
  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }
  std::uint64_t stale_hits() const { return stale_hits_; }

 private:
  struct Entry {
    std::string key;      // ns#key
    std::uint64_t generation = 0;
    std::shared_ptr<const std::string> value;
    std::chrono::steady_clock::time_point expires;
  };
  struct Space {
    std::uint64_t generation = 0;
    std::uint64_t servable_from = 0;  // older entries are never served (Invalidate)
  };
  struct Flight {
    // False while the key is only claimed (Get with `claim`): the claimer is on its way to
    // GetOrLoad, which starts the render.
    bool started = true;
    bool refresh = false;  // renders a stale entry again (holds a refresh slot)
    std::chrono::steady_clock::time_point claimed_at{};
    bool done = false;
    Result<std::shared_ptr<const std::string>> result = nullptr;
  };
  static std::string EntryKey(const std::string& ns, const std::string& key);
  static std::string FlightKey(const std::string& ns, std::uint64_t generation, const std::string& key);
  Entry* FindLocked(const std::string& entry_key);
  // The entry's value when it may be served to a caller of generation `space`: current, or
  // stale while `flight` (the key's render for the current generation) runs, or is claimed
  // when `claimed_counts`.
  std::shared_ptr<const std::string> ServableLocked(const Entry* e, const Space& space,
                                                    const std::string& flight, bool* stale,
                                                    bool claimed_counts);
  using FlightMap = std::unordered_map<std::string, std::shared_ptr<Flight>>;
  // The key's live flight (started, or claimed within the last second), or nullptr.
  std::shared_ptr<Flight> LiveFlightLocked(const std::string& flight_key);
  void EndFlightLocked(FlightMap::iterator it);
  std::shared_ptr<const std::string> StaleLocked(const Entry& e, bool* stale);
  void PutLocked(std::string entry_key, std::uint64_t generation, std::shared_ptr<const std::string> value,
                 std::chrono::seconds ttl);
  void EvictLocked();
  void DropClaimsLocked(const std::string& ns);

  const std::size_t max_entries_;
  const std::size_t max_bytes_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::unordered_map<std::string, Space> spaces_;
  FlightMap flights_;
  const int max_refreshing_;
  int refreshing_ = 0;  // refresh flights (claimed or started)
  std::condition_variable flight_done_;
  std::size_t bytes_ = 0;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
  std::atomic<std::uint64_t> stale_hits_{0};
};

}  // namespace moderno::cache
