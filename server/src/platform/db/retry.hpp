#pragma once
// One way to turn "someone else inserted that row first" into a retry of the unit of work.
#include <utility>

#include "platform/db/db.hpp"

namespace moderno::db {

// Runs `f`. A unique violation it throws (another connection inserted the same key meanwhile)
// becomes kAborted, so Database::Write retries the whole unit of work, whose retry then sees
// the committed row. Other errors pass through unchanged.
template <class F>
decltype(auto) RetryOnDuplicate(F&& f) {
  try {
    return std::forward<F>(f)();
  } catch (const DbError& e) {
    if (e.code() == Errc::kAlreadyExists) throw DbError(Errc::kAborted, e.what());
    throw;
  }
}

}  // namespace moderno::db
