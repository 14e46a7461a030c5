#pragma once
// Synonym groups from a text file (server/search/synonyms.txt): one group of equivalent words
// or phrases per line, comma-separated, '#' starts a comment. Members are compared by their
// analysed stems, so "celulares" matches the member "celular".
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moderno::search {

// One member of a group: its folded words and their stems.
struct Phrase {
  std::vector<std::string> words;
  std::vector<std::string> stems;
};

class Synonyms {
 public:
  // Parses the file format; lines with fewer than two members are ignored.
  static Synonyms Parse(std::string_view text);

  // The group whose member is the longest run of `stems` starting at `start`, and that run's
  // length; nullopt when no member starts there.
  struct Hit {
    std::size_t group;
    std::size_t length;
  };
  std::optional<Hit> Match(const std::vector<std::string>& stems, std::size_t start) const;
  // The members of a group.
  const std::vector<Phrase>& Group(std::size_t group) const { return groups_.at(group); }
  std::size_t size() const { return groups_.size(); }

 private:
  std::vector<std::vector<Phrase>> groups_;
  std::vector<std::pair<std::vector<std::string>, std::size_t>> members_;  // stems -> group, sorted
  std::size_t longest_ = 0;
};

// The synonyms of a file, re-read when the file's modification time or size changes (looked
// at most once a second, by the next search). A missing or unreadable file falls back to
// `fallback` (the copy compiled into the binary).
class SynonymSource {
 public:
  SynonymSource(std::filesystem::path path, std::string_view fallback);
  // The current groups; cheap, safe from any thread.
  std::shared_ptr<const Synonyms> Get();

 private:
  void LoadLocked(bool initial);

  const std::filesystem::path path_;
  const std::string fallback_;
  std::mutex mu_;
  std::shared_ptr<const Synonyms> current_;
  std::chrono::steady_clock::time_point checked_{};
  std::optional<std::filesystem::file_time_type> mtime_;
  std::uintmax_t size_ = 0;
};

}  // namespace moderno::search
