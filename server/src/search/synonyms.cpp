#include "search/synonyms.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "platform/log/log.hpp"
#include "search/analysis.hpp"

namespace moderno::search {
namespace {

constexpr auto kRecheck = std::chrono::seconds(1);

}  // namespace

Synonyms Synonyms::Parse(std::string_view text) {
  Synonyms out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    std::vector<Phrase> group;
    std::size_t start = 0;
    while (start <= line.size()) {
      std::size_t comma = line.find(',', start);
      if (comma == std::string_view::npos) comma = line.size();
      Phrase p;
      p.words = Words(line.substr(start, comma - start));
      for (const std::string& w : p.words) p.stems.push_back(Stem(w));
      const bool seen = std::ranges::any_of(group, [&](const Phrase& q) { return q.stems == p.stems; });
      if (!p.words.empty() && !seen) group.push_back(std::move(p));
      start = comma + 1;
    }
    if (group.size() < 2) continue;
    const std::size_t index = out.groups_.size();
    for (const Phrase& p : group) {
      out.members_.emplace_back(p.stems, index);
      out.longest_ = std::max(out.longest_, p.stems.size());
    }
    out.groups_.push_back(std::move(group));
  }
  // A member listed in two groups belongs to the first.
  std::ranges::stable_sort(out.members_, [](const auto& a, const auto& b) { return a.first < b.first; });
  out.members_.erase(std::unique(out.members_.begin(), out.members_.end(),
                                 [](const auto& a, const auto& b) { return a.first == b.first; }),
                     out.members_.end());
  return out;
}

std::optional<Synonyms::Hit> Synonyms::Match(const std::vector<std::string>& stems,
                                             std::size_t start) const {
  for (std::size_t len = std::min(longest_, stems.size() - std::min(start, stems.size())); len > 0;
       --len) {
    std::vector<std::string> key(stems.begin() + static_cast<std::ptrdiff_t>(start),
                                 stems.begin() + static_cast<std::ptrdiff_t>(start + len));
    auto it = std::ranges::lower_bound(members_, key, {}, [](const auto& m) { return m.first; });
    if (it != members_.end() && it->first == key) return Hit{it->second, len};
  }
  return std::nullopt;
}

SynonymSource::SynonymSource(std::filesystem::path path, std::string_view fallback)
    : path_(std::move(path)), fallback_(fallback) {
  std::lock_guard lock(mu_);
  LoadLocked(true);
}

std::shared_ptr<const Synonyms> SynonymSource::Get() {
  std::lock_guard lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  if (now - checked_ >= kRecheck) {
    checked_ = now;
    LoadLocked(false);
  }
  return current_;
}

void SynonymSource::LoadLocked(bool initial) {
  std::error_code ec;
  const auto mtime = path_.empty() ? std::filesystem::file_time_type{}
                                   : std::filesystem::last_write_time(path_, ec);
  const bool exists = !path_.empty() && !ec;
  const std::uintmax_t size = exists ? std::filesystem::file_size(path_, ec) : 0;
  if (!initial) {
    // Unchanged (or still missing): keep what we have.
    if (exists && mtime_ && *mtime_ == mtime && size_ == size) return;
    if (!exists && !mtime_) return;
  }
  if (exists) {
    std::ifstream in(path_, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (in.good() || in.eof()) {
      current_ = std::make_shared<const Synonyms>(Synonyms::Parse(text.str()));
      mtime_ = mtime;
      size_ = size;
      log::Info(initial ? "search synonyms loaded" : "search synonyms reloaded",
                {{"file", path_.string()}, {"groups", static_cast<long>(current_->size())}});
      return;
    }
  }
  mtime_.reset();
  size_ = 0;
  current_ = std::make_shared<const Synonyms>(Synonyms::Parse(fallback_));
  log::Info("search synonyms: file not found, using the built-in list",
            {{"file", path_.string()}, {"groups", static_cast<long>(current_->size())}});
}

}  // namespace moderno::search
