#pragma once
// How far the index's checkpoint (the change id below which everything is applied) may move.
// On MySQL ids are allocated at insert time, so a row may commit after rows with higher ids:
// the indexer applies rows as they appear and moves the checkpoint only over a contiguous run,
// or over a missing id that stayed missing for a grace period (its transaction rolled back).
#include <chrono>
#include <cstdint>
#include <map>
#include <set>

namespace moderno::search {

struct Checkpoint {
  std::int64_t applied = 0;                // every id <= applied is done
  std::set<std::int64_t> above;            // applied ids above it
  std::map<std::int64_t, std::chrono::steady_clock::time_point> gaps;  // missing id -> first seen
};

// Moves `c.applied` as far as the rules allow at `now`.
void Advance(Checkpoint& c, std::chrono::steady_clock::time_point now,
             std::chrono::milliseconds grace);

}  // namespace moderno::search
