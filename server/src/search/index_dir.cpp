#include "search/index_dir.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <xapian.h>

#include <set>

#include "platform/log/log.hpp"
#include "search/document.hpp"
#include "search/queries.hpp"

namespace moderno::search {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kCurrent = "current";
constexpr std::string_view kIndexPrefix = "index-";
constexpr std::string_view kBuildPrefix = "building-";
constexpr std::int64_t kPageSize = 1000;

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// fsync of a file or directory; errors are ignored (the data is already written).
void SyncPath(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// The pid in "building-<ms>-<pid>", or 0.
pid_t BuildPid(const std::string& name) {
  auto dash = name.rfind('-');
  if (dash == std::string::npos) return 0;
  try {
    return static_cast<pid_t>(std::stol(name.substr(dash + 1)));
  } catch (...) {
    return 0;
  }
}

}  // namespace

std::optional<fs::path> IndexDir::Current() const {
  std::error_code ec;
  const fs::path link = root_ / kCurrent;
  const fs::path target = fs::read_symlink(link, ec);
  if (ec) return std::nullopt;
  const fs::path resolved = target.is_absolute() ? target : root_ / target;
  if (!fs::is_directory(resolved, ec)) return std::nullopt;
  return resolved;
}

fs::path IndexDir::NewBuild() const {
  fs::create_directories(root_);
  static std::atomic<int> counter{0};
  return root_ / (std::string(kBuildPrefix) + std::to_string(NowMs()) + "x" +
                  std::to_string(counter++) + "-" + std::to_string(::getpid()));
}

fs::path IndexDir::Publish(const fs::path& build) const {
  const std::string name = build.filename().string();
  const fs::path final_path = root_ / (std::string(kIndexPrefix) + name.substr(kBuildPrefix.size()));
  fs::rename(build, final_path);
  const fs::path tmp = root_ / (std::string(kCurrent) + ".tmp-" + std::to_string(::getpid()));
  std::error_code ec;
  fs::remove(tmp, ec);
  fs::create_directory_symlink(final_path.filename(), tmp);
  fs::rename(tmp, root_ / kCurrent);
  SyncPath(root_);
  return final_path;
}

void IndexDir::RemoveStale(const std::optional<fs::path>& keep) const {
  std::error_code ec;
  const auto live = Current();
  for (const auto& entry : fs::directory_iterator(root_, ec)) {
    const std::string name = entry.path().filename().string();
    const bool kept = (keep && entry.path() == *keep) || (live && entry.path() == *live);
    bool stale = false;
    if (name.starts_with(kIndexPrefix)) {
      stale = !kept;
    } else if (name.starts_with(kBuildPrefix)) {
      const pid_t pid = BuildPid(name);
      stale = pid > 0 && pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH;
    }
    if (stale) {
      fs::remove_all(entry.path(), ec);
      if (!ec) log::Info("search index removed", {{"path", entry.path().string()}});
    }
  }
}

Result<BuildReport> BuildIndex(db::Database& db, const IndexDir& dir,
                               const std::function<void(std::int64_t, std::int64_t)>& progress) {
  const auto started = std::chrono::steady_clock::now();
  BuildReport report;
  fs::path build;
  try {
    // The log's end is read before the catalog: every change after it is applied later.
    struct Start {
      std::int64_t last_change = 0;
      std::int64_t total = 0;
      Categories categories;
    };
    auto start = db.Read([](db::UnitOfWork& uow) -> Result<Start> {
      Start s;
      s.last_change = uow.QueryOne(sql::kLastChangeId)->Int(0);
      s.total = uow.QueryOne(sql::kVisibleCount)->Int(0);
      s.categories = ReadCategories(uow);
      return s;
    });
    if (!start) return std::unexpected(start.error());
    report.applied_change_id = std::max<std::int64_t>(0, start->last_change - kReplayWindow);

    build = dir.NewBuild();
    // No fsync per commit while building: the finished files are synced once, before the
    // directory is published.
    Xapian::WritableDatabase wdb(build.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
    std::int64_t after = 0;
    std::map<std::string, Xapian::termcount> spelling;
    if (progress) progress(0, start->total);
    for (;;) {
      std::int64_t last = 0;
      auto page = db.Read([&](db::UnitOfWork& uow) -> Result<std::vector<ProductRecord>> {
        return ReadProductsAfter(uow, after, kPageSize, last);
      });
      if (!page) {
        std::error_code ec;
        fs::remove_all(build, ec);
        return std::unexpected(page.error());
      }
      if (last == 0) break;
      after = last;
      for (const ProductRecord& p : *page) {
        std::set<std::string> words;
        wdb.replace_document(static_cast<Xapian::docid>(p.id),
                             BuildDocument(p, start->categories, &words));
        for (const std::string& w : words) ++spelling[w];
      }
      report.documents += static_cast<std::int64_t>(page->size());
      if (progress) progress(std::min(report.documents, start->total), start->total);
    }
    for (const auto& [word, freq] : spelling) wdb.add_spelling(word, freq);
    wdb.set_metadata(std::string(kFormatKey), std::string(kFormat));
    wdb.set_metadata(std::string(kAppliedKey), std::to_string(report.applied_change_id));
    wdb.set_metadata(std::string(kSyncedAtKey),
                     std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count()));
    wdb.commit();
    wdb.close();
    for (const auto& entry : fs::directory_iterator(build)) SyncPath(entry.path());
    SyncPath(build);
    const auto previous = dir.Current();
    report.path = dir.Publish(build);
    // The previous index stays for a server that still has it open; the one before goes.
    dir.RemoveStale(previous);
  } catch (const Xapian::Error& e) {
    std::error_code ec;
    if (!build.empty()) fs::remove_all(build, ec);
    return Fail(Errc::kInternal, "The search index could not be built.", e.get_description());
  } catch (const fs::filesystem_error& e) {
    std::error_code ec;
    if (!build.empty()) fs::remove_all(build, ec);
    return Fail(Errc::kInternal, "The search index could not be built.", e.what());
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace moderno::search
