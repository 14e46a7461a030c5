#include "platform/cache/cache.hpp"

namespace moderno::cache {

Cache::Cache(std::size_t max_entries, std::size_t max_bytes)
    : max_entries_(max_entries), max_bytes_(max_bytes) {}

std::string Cache::FullKey(const std::string& ns, const std::string& key) {
  return ns + "#" + std::to_string(generations_[ns]) + "#" + key;
}

std::shared_ptr<const std::string> Cache::FindLocked(const std::string& full) {
  auto it = index_.find(full);
  if (it == index_.end()) return nullptr;
  if (it->second->expires < std::chrono::steady_clock::now()) {
    bytes_ -= it->second->value->size() + it->second->key.size();
    lru_.erase(it->second);
    index_.erase(it);
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->value;
}

void Cache::PutLocked(std::string full, std::shared_ptr<const std::string> value,
                      std::chrono::seconds ttl) {
  if (ttl.count() <= 0 || value->size() + full.size() > max_bytes_) return;
  if (auto it = index_.find(full); it != index_.end()) {
    bytes_ -= it->second->value->size() + it->second->key.size();
    lru_.erase(it->second);
    index_.erase(it);
  }
  bytes_ += value->size() + full.size();
  lru_.push_front(Entry{full, std::move(value), std::chrono::steady_clock::now() + ttl});
  index_.emplace(std::move(full), lru_.begin());
  EvictLocked();
}

std::shared_ptr<const std::string> Cache::Get(const std::string& ns, const std::string& key,
                                              bool count_miss) {
  std::lock_guard lock(mu_);
  auto value = FindLocked(FullKey(ns, key));
  if (value) ++hits_;
  else if (count_miss) ++misses_;
  return value;
}

void Cache::Put(const std::string& ns, const std::string& key, std::string value,
                std::chrono::seconds ttl) {
  std::lock_guard lock(mu_);
  PutLocked(FullKey(ns, key), std::make_shared<const std::string>(std::move(value)), ttl);
}

Result<std::shared_ptr<const std::string>> Cache::GetOrLoad(
    const std::string& ns, const std::string& key, std::chrono::seconds ttl,
    const std::function<Result<std::string>()>& load, bool& hit) {
  std::unique_lock lock(mu_);
  // The generation is fixed now: a value loaded across an invalidation is stored under the
  // old generation, where nobody will find it.
  const std::string full = FullKey(ns, key);
  if (auto value = FindLocked(full)) {
    ++hits_;
    hit = true;
    return value;
  }
  ++misses_;
  hit = false;
  if (auto it = flights_.find(full); it != flights_.end()) {
    std::shared_ptr<Flight> flight = it->second;
    flight_done_.wait(lock, [&] { return flight->done; });
    return flight->result;
  }
  auto flight = std::make_shared<Flight>();
  flights_.emplace(full, flight);
  lock.unlock();
  Result<std::shared_ptr<const std::string>> result = nullptr;
  try {
    auto loaded = load();
    if (loaded) result = std::make_shared<const std::string>(std::move(*loaded));
    else result = std::unexpected(loaded.error());
  } catch (...) {
    lock.lock();
    flight->result = Fail(Errc::kInternal, "", "cache load threw");
    flight->done = true;
    flights_.erase(full);
    flight_done_.notify_all();
    throw;
  }
  lock.lock();
  if (result) PutLocked(full, *result, ttl);
  flight->result = result;
  flight->done = true;
  flights_.erase(full);
  flight_done_.notify_all();
  return result;
}

void Cache::Invalidate(const std::string& ns) {
  std::lock_guard lock(mu_);
  ++generations_[ns];
  // Entries of the old generation can never be hit again; drop them now to free memory.
  const std::string prefix = ns + "#";
  for (auto it = lru_.begin(); it != lru_.end();) {
    if (it->key.starts_with(prefix)) {
      bytes_ -= it->value->size() + it->key.size();
      index_.erase(it->key);
      it = lru_.erase(it);
    } else {
      ++it;
    }
  }
}

void Cache::EvictLocked() {
  while (!lru_.empty() && (index_.size() > max_entries_ || bytes_ > max_bytes_)) {
    Entry& last = lru_.back();
    bytes_ -= last.value->size() + last.key.size();
    index_.erase(last.key);
    lru_.pop_back();
  }
}

std::size_t Cache::entries() const {
  std::lock_guard lock(mu_);
  return index_.size();
}

std::size_t Cache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

}  // namespace moderno::cache
