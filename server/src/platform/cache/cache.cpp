#include "platform/cache/cache.hpp"

namespace moderno::cache {

Cache::Cache(std::size_t max_entries, std::size_t max_bytes)
    : max_entries_(max_entries), max_bytes_(max_bytes) {}

std::string Cache::FullKey(const std::string& ns, const std::string& key) {
  return ns + "#" + std::to_string(generations_[ns]) + "#" + key;
}

std::shared_ptr<const std::string> Cache::Get(const std::string& ns, const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = index_.find(FullKey(ns, key));
  if (it == index_.end()) {
    ++misses_;
    return nullptr;
  }
  if (it->second->expires < std::chrono::steady_clock::now()) {
    bytes_ -= it->second->value->size() + it->second->key.size();
    lru_.erase(it->second);
    index_.erase(it);
    ++misses_;
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  ++hits_;
  return it->second->value;
}

void Cache::Put(const std::string& ns, const std::string& key, std::string value,
                std::chrono::seconds ttl) {
  std::lock_guard lock(mu_);
  std::string full = FullKey(ns, key);
  if (value.size() + full.size() > max_bytes_) return;
  if (auto it = index_.find(full); it != index_.end()) {
    bytes_ -= it->second->value->size() + it->second->key.size();
    lru_.erase(it->second);
    index_.erase(it);
  }
  bytes_ += value.size() + full.size();
  lru_.push_front(Entry{full, std::make_shared<const std::string>(std::move(value)),
                        std::chrono::steady_clock::now() + ttl});
  index_.emplace(std::move(full), lru_.begin());
  EvictLocked();
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
