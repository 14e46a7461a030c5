#include "search/checkpoint.hpp"

#include <algorithm>

namespace moderno::search {

void Advance(Checkpoint& c, std::chrono::steady_clock::time_point now,
             std::chrono::milliseconds grace) {
  while (!c.above.empty()) {
    const std::int64_t next = *c.above.begin();
    if (next <= c.applied + 1) {
      c.applied = std::max(c.applied, next);
      c.above.erase(c.above.begin());
      continue;
    }
    auto gap = c.gaps.try_emplace(c.applied + 1, now).first;
    if (now - gap->second < grace) break;
    c.applied = next;  // the ids in between are given up on
    c.above.erase(c.above.begin());
  }
  std::erase_if(c.gaps, [&](const auto& g) { return g.first <= c.applied; });
}

}  // namespace moderno::search
