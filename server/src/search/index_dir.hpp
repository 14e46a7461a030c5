#pragma once
// Where a node's index lives: <data_dir>/search/current is a symlink to the live index
// directory (index-<ms>-<pid>). A build writes building-<ms>-<pid>, renames it to index-..., and
// swaps the symlink with rename(2), so readers see the old index or the new one, never half.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>

#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::search {

class IndexDir {
 public:
  explicit IndexDir(std::filesystem::path root) : root_(std::move(root)) {}
  const std::filesystem::path& root() const { return root_; }
  // The live index directory, or nullopt when there is none yet.
  std::optional<std::filesystem::path> Current() const;
  // A fresh directory for a build.
  std::filesystem::path NewBuild() const;
  // Makes a finished build the live index (atomically) and returns its final path.
  std::filesystem::path Publish(const std::filesystem::path& build) const;
  // Removes index directories other than `keep` (and the live one), and builds abandoned by
  // processes that no longer run.
  void RemoveStale(const std::optional<std::filesystem::path>& keep) const;

 private:
  std::filesystem::path root_;
};

// What a full build did.
struct BuildReport {
  std::filesystem::path path;
  std::int64_t documents = 0;
  std::int64_t applied_change_id = 0;
  double seconds = 0;
};

// Builds a complete index from the database into a new directory and publishes it; search
// keeps answering from the old one meanwhile. `progress(done, total)` is called per page.
Result<BuildReport> BuildIndex(db::Database& db, const IndexDir& dir,
                               const std::function<void(std::int64_t, std::int64_t)>& progress);

// Changes at most this far below the log's end when a build starts are applied again after
// it: on MySQL a transaction may still commit an id below the end it saw.
inline constexpr std::int64_t kReplayWindow = 1000;

}  // namespace moderno::search
