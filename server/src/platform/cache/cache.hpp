#pragma once
// In-process cache for rendered read responses: bounded LRU with TTL, invalidated explicitly
// by namespace ("catalog") when a write path changes what it holds.
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
  Cache(std::size_t max_entries, std::size_t max_bytes);

  // The value under ns/key when present, not expired and not invalidated since it was put.
  // `count_miss` is false for look-ups that fall back to GetOrLoad, which counts the miss.
  std::shared_ptr<const std::string> Get(const std::string& ns, const std::string& key,
                                         bool count_miss = true);
  // Stores a value for at most `ttl`.
  void Put(const std::string& ns, const std::string& key, std::string value,
           std::chrono::seconds ttl);
  // The value under ns/key, or the result of `load` stored for `ttl`. Concurrent callers of a
  // missing key share one `load` (no stampede when a popular entry expires or is invalidated).
  // `hit` tells whether the value came from the cache. Errors are returned, never stored.
  Result<std::shared_ptr<const std::string>> GetOrLoad(
      const std::string& ns, const std::string& key, std::chrono::seconds ttl,
      const std::function<Result<std::string>()>& load, bool& hit);
  // Drops every entry of a namespace (by moving it to a new generation).
  void Invalidate(const std::string& ns);

  std::size_t entries() const;
  std::size_t bytes() const;
  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const std::string> value;
    std::chrono::steady_clock::time_point expires;
  };
  struct Flight {
    bool done = false;
    Result<std::shared_ptr<const std::string>> result = nullptr;
  };
  std::string FullKey(const std::string& ns, const std::string& key);
  std::shared_ptr<const std::string> FindLocked(const std::string& full);
  void PutLocked(std::string full, std::shared_ptr<const std::string> value,
                 std::chrono::seconds ttl);
  void EvictLocked();

  const std::size_t max_entries_;
  const std::size_t max_bytes_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::unordered_map<std::string, std::uint64_t> generations_;
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;
  std::condition_variable flight_done_;
  std::size_t bytes_ = 0;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
};

}  // namespace moderno::cache
