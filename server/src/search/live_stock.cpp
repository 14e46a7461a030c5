#include "search/live_stock.hpp"

#include <charconv>
#include <mutex>

namespace moderno::search {
namespace {

// Stored form: "<n>\n", then n lines "<offset> <product id> <rendered stock>\n", then the body.
bool ReadNumber(std::string_view& s, char end, std::int64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || p == s.data() + s.size() || *p != end) return false;
  s.remove_prefix(static_cast<std::size_t>(p - s.data()) + 1);
  return true;
}

}  // namespace

void LiveStock::Reset(std::unordered_map<std::int64_t, std::int64_t> available) {
  std::unique_lock lock(mu_);
  available_ = std::move(available);
}

void LiveStock::Set(std::int64_t product_id, std::int64_t available) {
  std::unique_lock lock(mu_);
  available_[product_id] = available;
}

void LiveStock::Erase(std::int64_t product_id) {
  std::unique_lock lock(mu_);
  available_.erase(product_id);
}

void LiveStock::Lookup(std::span<const std::int64_t> ids, std::span<std::int64_t> fallback_in_out) const {
  std::shared_lock lock(mu_);
  for (std::size_t i = 0; i < ids.size() && i < fallback_in_out.size(); ++i) {
    if (auto it = available_.find(ids[i]); it != available_.end()) fallback_in_out[i] = it->second;
  }
}

std::string EncodeStocked(std::string_view body, const std::vector<StockSlot>& slots) {
  std::string out = std::to_string(slots.size()) + "\n";
  for (const StockSlot& s : slots) {
    out += std::to_string(s.offset) + ' ' + std::to_string(s.product_id) + ' ' + std::to_string(s.rendered) + '\n';
  }
  out += body;
  return out;
}

std::string FillStocked(std::string_view stored, const LiveStock& live) {
  std::int64_t n = 0;
  if (!ReadNumber(stored, '\n', n) || n < 0) return {};
  std::vector<std::int64_t> offsets(static_cast<std::size_t>(n)), ids(offsets.size()), stock(offsets.size());
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    if (!ReadNumber(stored, ' ', offsets[i]) || !ReadNumber(stored, ' ', ids[i]) ||
        !ReadNumber(stored, '\n', stock[i])) {
      return {};
    }
  }
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    if (offsets[i] < 0 || static_cast<std::size_t>(offsets[i]) > stored.size() ||
        (i > 0 && offsets[i] < offsets[i - 1])) {
      return {};
    }
  }
  live.Lookup(ids, stock);
  std::string out;
  out.reserve(stored.size() + offsets.size() * 40);
  std::size_t from = 0;
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    const auto at = static_cast<std::size_t>(offsets[i]);
    out.append(stored.substr(from, at - from));
    out += "\"stock\":";
    out += std::to_string(stock[i]);
    out += stock[i] > 0 ? ",\"in_stock\":true," : ",\"in_stock\":false,";
    from = at;
  }
  out.append(stored.substr(from));
  return out;
}

}  // namespace moderno::search
