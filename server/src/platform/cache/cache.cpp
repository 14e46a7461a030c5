#include "platform/cache/cache.hpp"

#include <algorithm>
#include <iterator>

namespace moderno::cache {
namespace {

// How long a claim holds when its claimer never starts the render (a lost request).
constexpr auto kClaimLapse = std::chrono::seconds(1);

}  // namespace

Cache::Cache(std::size_t max_entries, std::size_t max_bytes, int max_refreshing)
    : max_entries_(max_entries), max_bytes_(max_bytes), max_refreshing_(std::max(1, max_refreshing)) {}

std::string Cache::EntryKey(const std::string& ns, const std::string& key) { return ns + "#" + key; }

std::string Cache::FlightKey(const std::string& ns, std::uint64_t generation, const std::string& key) {
  return ns + "#" + std::to_string(generation) + "#" + key;
}

Cache::Entry* Cache::FindLocked(const std::string& entry_key) {
  auto it = index_.find(entry_key);
  if (it == index_.end()) return nullptr;
  if (it->second->expires < std::chrono::steady_clock::now()) {
    bytes_ -= it->second->value->size() + it->second->key.size();
    lru_.erase(it->second);
    index_.erase(it);
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  return &*it->second;
}

std::shared_ptr<const std::string> Cache::ServableLocked(const Entry* e, const Space& space,
                                                         const std::string& flight, bool* stale,
                                                         bool claimed_counts) {
  if (!e) return nullptr;
  if (e->generation == space.generation) {
    ++hits_;
    if (stale) *stale = false;
    return e->value;
  }
  const auto live = e->generation >= space.servable_from ? LiveFlightLocked(flight) : nullptr;
  if (live && (live->started || claimed_counts)) {
    ++hits_;
    ++stale_hits_;
    if (stale) *stale = true;
    return e->value;
  }
  return nullptr;
}

std::shared_ptr<Cache::Flight> Cache::LiveFlightLocked(const std::string& flight_key) {
  auto it = flights_.find(flight_key);
  if (it == flights_.end()) return nullptr;
  if (!it->second->started && std::chrono::steady_clock::now() - it->second->claimed_at > kClaimLapse) {
    EndFlightLocked(it);  // its claimer never came
    return nullptr;
  }
  return it->second;
}

void Cache::EndFlightLocked(FlightMap::iterator it) {
  if (it->second->refresh) --refreshing_;
  flights_.erase(it);
}

std::shared_ptr<const std::string> Cache::StaleLocked(const Entry& e, bool* stale) {
  ++hits_;
  ++stale_hits_;
  if (stale) *stale = true;
  return e.value;
}

void Cache::PutLocked(std::string entry_key, std::uint64_t generation, std::shared_ptr<const std::string> value,
                      std::chrono::seconds ttl) {
  if (ttl.count() <= 0 || value->size() + entry_key.size() > max_bytes_) return;
  if (auto it = index_.find(entry_key); it != index_.end()) {
    if (it->second->generation > generation) return;  // a newer render is there already
    bytes_ -= it->second->value->size() + it->second->key.size();
    lru_.erase(it->second);
    index_.erase(it);
  }
  bytes_ += value->size() + entry_key.size();
  lru_.push_front(Entry{entry_key, generation, std::move(value), std::chrono::steady_clock::now() + ttl});
  index_.emplace(std::move(entry_key), lru_.begin());
  EvictLocked();
}

std::shared_ptr<const std::string> Cache::Get(const std::string& ns, const std::string& key,
                                              bool count_miss, bool* stale, bool claim) {
  std::lock_guard lock(mu_);
  const Space& space = spaces_[ns];
  const std::string flight_key = FlightKey(ns, space.generation, key);
  const Entry* e = FindLocked(EntryKey(ns, key));
  auto value = ServableLocked(e, space, flight_key, stale, /*claimed_counts=*/true);
  // A stale entry nobody renders: claim its render if a refresh slot is free, else serve it
  // while it waits for one.
  if (!value && claim && e && e->generation >= space.servable_from) {
    if (refreshing_ < max_refreshing_) {
      auto flight = std::make_shared<Flight>();
      flight->started = false;
      flight->refresh = true;
      flight->claimed_at = std::chrono::steady_clock::now();
      flights_[flight_key] = std::move(flight);
      ++refreshing_;
    } else {
      value = StaleLocked(*e, stale);
    }
  }
  if (!value && count_miss) ++misses_;
  return value;
}

void Cache::Put(const std::string& ns, const std::string& key, std::string value,
                std::chrono::seconds ttl) {
  std::lock_guard lock(mu_);
  PutLocked(EntryKey(ns, key), spaces_[ns].generation, std::make_shared<const std::string>(std::move(value)), ttl);
}

Result<std::shared_ptr<const std::string>> Cache::GetOrLoad(
    const std::string& ns, const std::string& key, std::chrono::seconds ttl,
    const std::function<Result<std::string>()>& load, bool& hit, bool* stale) {
  std::unique_lock lock(mu_);
  // The generation is fixed now: a value loaded across an invalidation is stored with the old
  // generation, which is never served as current (and, after Invalidate, not at all).
  const Space space = spaces_[ns];
  const std::string entry_key = EntryKey(ns, key);
  const std::string flight_key = FlightKey(ns, space.generation, key);
  // A claimed key is rendered here (by its claimer): only a started render serves stale.
  const Entry* e = FindLocked(entry_key);
  if (auto value = ServableLocked(e, space, flight_key, stale, /*claimed_counts=*/false)) {
    hit = true;
    return value;
  }
  const bool refreshable = e && e->generation >= space.servable_from;
  std::shared_ptr<Flight> flight;
  if (auto it = flights_.find(flight_key); it != flights_.end() && it->second->started) {
    ++misses_;
    hit = false;
    if (stale) *stale = false;
    flight = it->second;
    flight_done_.wait(lock, [&] { return flight->done; });
    return flight->result;
  } else if (it != flights_.end()) {
    flight = it->second;
    flight->started = true;  // claimed (by this caller, or by one that never came): render
  } else if (refreshable && refreshing_ >= max_refreshing_) {
    // Every refresh slot is busy: the stale entry is served while the key waits its turn.
    hit = true;
    return StaleLocked(*e, stale);
  } else {
    flight = std::make_shared<Flight>();
    flight->refresh = refreshable;
    if (refreshable) ++refreshing_;
    flights_.emplace(flight_key, flight);
  }
  ++misses_;
  hit = false;
  if (stale) *stale = false;
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
    if (auto it = flights_.find(flight_key); it != flights_.end() && it->second == flight) EndFlightLocked(it);
    flight_done_.notify_all();
    throw;
  }
  lock.lock();
  if (result && space.generation >= spaces_[ns].servable_from) PutLocked(entry_key, space.generation, *result, ttl);
  flight->result = result;
  flight->done = true;
  if (auto it = flights_.find(flight_key); it != flights_.end() && it->second == flight) EndFlightLocked(it);
  flight_done_.notify_all();
  return result;
}

void Cache::Invalidate(const std::string& ns) {
  std::lock_guard lock(mu_);
  Space& space = spaces_[ns];
  space.servable_from = ++space.generation;
  DropClaimsLocked(ns);
  // Entries of older generations can never be served again; drop them now to free memory.
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

void Cache::Refresh(const std::string& ns) {
  std::lock_guard lock(mu_);
  ++spaces_[ns].generation;
  DropClaimsLocked(ns);
}

void Cache::DropClaimsLocked(const std::string& ns) {
  // Claims belong to a generation: once it has passed, nobody will start their render.
  const std::string prefix = ns + "#";
  for (auto it = flights_.begin(); it != flights_.end();) {
    auto next = std::next(it);
    if (!it->second->started && it->first.starts_with(prefix)) EndFlightLocked(it);
    it = next;
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
