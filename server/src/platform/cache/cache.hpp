#pragma once
// In-process cache for rendered read responses: bounded LRU with TTL, invalidated explicitly
// by namespace ("catalog") when a write path changes what it holds.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace moderno::cache {

// Thread-safe LRU of string values grouped in namespaces.
class Cache {
 public:
  Cache(std::size_t max_entries, std::size_t max_bytes);

  // The value under ns/key when present, not expired and not invalidated since it was put.
  std::shared_ptr<const std::string> Get(const std::string& ns, const std::string& key);
  // Stores a value for at most `ttl`.
  void Put(const std::string& ns, const std::string& key, std::string value,
           std::chrono::seconds ttl);
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
  std::string FullKey(const std::string& ns, const std::string& key);
  void EvictLocked();

  const std::size_t max_entries_;
  const std::size_t max_bytes_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::unordered_map<std::string, std::uint64_t> generations_;
  std::size_t bytes_ = 0;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
};

}  // namespace moderno::cache
