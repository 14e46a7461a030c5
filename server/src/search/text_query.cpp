#include "search/text_query.hpp"

#include <algorithm>

#include "platform/text/fold.hpp"
#include "search/analysis.hpp"
#include "search/document.hpp"

namespace moderno::search {
namespace {

// Exact matches outweigh any ordinary score.
constexpr double kExactSkuScale = 40;
constexpr double kExactNameScale = 20;
// Spelling: words this short are never corrected, and longer words allow two edits.
constexpr std::size_t kMinCorrectable = 4;
constexpr std::size_t kTwoEditsFrom = 8;
// Above this many combinations the relaxed query keeps only OR (never hit with <= 10 words
// and the minimum chosen below).
constexpr std::size_t kMaxCombinations = 256;

// One position of the query: the words it covers and its alternatives (synonyms).
struct Clause {
  std::vector<std::string> words;                      // as typed, folded
  std::vector<std::vector<std::string>> alternatives;  // each: the stems of one phrase
  std::string joined;                                  // a compound's one-word form
  bool stop_only = false;                              // a lone stop word
};

Xapian::Query PhraseQuery(const std::vector<std::string>& stems) {
  if (stems.size() == 1) return Xapian::Query(stems.front());
  std::vector<Xapian::Query> parts;
  for (const auto& s : stems) parts.emplace_back(s);
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Xapian::Query ClauseQuery(const Clause& c) {
  std::vector<Xapian::Query> parts;
  for (const auto& alt : c.alternatives) parts.push_back(PhraseQuery(alt));
  // A compound is found as one word ("zigzag") or as all of its parts ("zig" and "zag").
  if (!c.joined.empty()) parts.emplace_back(Stem(c.joined));
  if (parts.size() == 1) return parts.front();
  // Synonyms score as one term, so a product is not ranked up for naming two of them.
  return Xapian::Query(Xapian::Query::OP_SYNONYM, parts.begin(), parts.end());
}

// Whether the index has a word: from the memory when there is one (every word is kept there).
bool Exists(const Xapian::Database& db, const MemoryIndex* memory, const std::string& term) {
  if (memory && KeptInMemory(term)) return memory->terms->contains(term);
  return db.term_exists(term);
}

bool Known(const Xapian::Database& db, const MemoryIndex* memory, const Clause& c) {
  if (!c.joined.empty() && Exists(db, memory, Stem(c.joined))) return true;
  for (const auto& alt : c.alternatives) {
    if (std::ranges::all_of(alt, [&](const std::string& s) { return Exists(db, memory, s); })) return true;
  }
  return false;
}

bool AllDigits(std::string_view w) {
  return std::ranges::all_of(w, [](char ch) { return ch >= '0' && ch <= '9'; });
}

// Turns tokens into clauses, taking the longest synonym member at each run of plain words.
std::vector<Clause> Clauses(const std::vector<Token>& tokens, const Synonyms& synonyms) {
  std::vector<Clause> out;
  for (std::size_t i = 0; i < tokens.size();) {
    if (!tokens[i].joined.empty() || tokens[i].parts.size() != 1) {
      Clause c;
      c.words = tokens[i].parts;
      c.joined = tokens[i].joined;
      std::vector<std::string> stems;
      for (const auto& p : c.words) stems.push_back(Stem(p));
      c.alternatives = {stems};
      out.push_back(std::move(c));
      ++i;
      continue;
    }
    // The run of plain words from i.
    std::size_t end = i;
    std::vector<std::string> stems;
    while (end < tokens.size() && tokens[end].joined.empty() && tokens[end].parts.size() == 1) {
      stems.push_back(Stem(tokens[end].parts.front()));
      ++end;
    }
    for (std::size_t k = 0; k < stems.size();) {
      Clause c;
      if (auto hit = synonyms.Match(stems, k)) {
        for (std::size_t j = k; j < k + hit->length; ++j) c.words.push_back(tokens[i + j].parts.front());
        for (const Phrase& p : synonyms.Group(hit->group)) c.alternatives.push_back(p.stems);
        k += hit->length;
      } else {
        const std::string& w = tokens[i + k].parts.front();
        c.words = {w};
        c.alternatives = {{stems[k]}};
        c.stop_only = IsStopWord(w);
        ++k;
      }
      out.push_back(std::move(c));
    }
    i = end;
  }
  return out;
}

Xapian::Query And(const std::vector<Xapian::Query>& parts) {
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

// OR over every way of choosing `k` of the clause queries.
Xapian::Query AtLeast(const std::vector<Xapian::Query>& parts, std::size_t k) {
  std::vector<Xapian::Query> alternatives;
  std::vector<bool> pick(parts.size(), false);
  std::fill(pick.begin(), pick.begin() + static_cast<std::ptrdiff_t>(k), true);
  do {
    std::vector<Xapian::Query> chosen;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (pick[i]) chosen.push_back(parts[i]);
    }
    alternatives.push_back(And(chosen));
    if (alternatives.size() > kMaxCombinations) {
      return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    }
  } while (std::prev_permutation(pick.begin(), pick.end()));
  return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

}  // namespace

std::size_t MinimumMatch(std::size_t n) {
  if (n <= 4) return n - 1;
  return (n * 3 + 4) / 5;  // 60%, rounded up
}

TextQuery BuildTextQuery(std::string_view text, const Synonyms& synonyms, const Xapian::Database& db,
                         const MemoryIndex* memory) {
  TextQuery out;
  std::string trimmed = text::Fold(text);
  trimmed.erase(0, trimmed.find_first_not_of(" \t\r\n"));
  trimmed.erase(trimmed.find_last_not_of(" \t\r\n") + 1);
  if (trimmed.empty()) return out;
  out.empty = false;

  std::vector<Token> tokens = Tokens(text);
  if (tokens.size() > kMaxQueryWords) tokens.resize(kMaxQueryWords);
  std::vector<Clause> clauses = Clauses(tokens, synonyms);
  // Stop words say nothing about a product, unless they are all there is ("uno").
  if (!std::ranges::all_of(clauses, [](const Clause& c) { return c.stop_only; })) {
    std::erase_if(clauses, [](const Clause& c) { return c.stop_only; });
  }

  // Spelling: a word the index has never seen is replaced by the closest word it has.
  bool corrected = false;
  std::vector<std::string> corrected_words;
  for (Clause& c : clauses) {
    if (c.words.size() == 1 && c.joined.empty() && !Known(db, memory, c)) {
      const std::string w = c.words.front();
      if (w.size() >= kMinCorrectable && !AllDigits(w)) {
        const std::string fix = db.get_spelling_suggestion(w, w.size() >= kTwoEditsFrom ? 2 : 1);
        if (!fix.empty() && fix != w && Exists(db, memory, Stem(fix))) {
          std::vector<Clause> redone = Clauses({Token{{fix}, {}}}, synonyms);
          c = std::move(redone.front());
          corrected = true;
        }
      }
    }
    if (!c.joined.empty()) {
      std::string glued;
      for (const auto& w : c.words) glued += (glued.empty() ? "" : "-") + w;
      corrected_words.push_back(glued);
    } else {
      corrected_words.insert(corrected_words.end(), c.words.begin(), c.words.end());
    }
  }
  if (corrected) {
    for (const auto& w : corrected_words) out.corrected += (out.corrected.empty() ? "" : " ") + w;
  }

  // The whole query as a SKU (as typed, folded) or as a product's whole name.
  if (trimmed.size() > kMaxExactTerm) trimmed.resize(kMaxExactTerm);
  std::string exact_name = ExactKey(text);
  if (exact_name.size() > kMaxExactName) exact_name.resize(kMaxExactName);
  std::vector<Xapian::Query> exact{
      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(std::string(kSkuPrefix) + trimmed),
                    kExactSkuScale)};
  if (!exact_name.empty()) {
    exact.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(std::string(kExactNamePrefix) + exact_name), kExactNameScale);
  }

  std::vector<Xapian::Query> parts;
  for (const Clause& c : clauses) parts.push_back(ClauseQuery(c));
  std::vector<Xapian::Query> strict = exact;
  if (!parts.empty()) strict.push_back(And(parts));
  out.strict = Xapian::Query(Xapian::Query::OP_OR, strict.begin(), strict.end());
  if (parts.size() >= 2) {
    std::vector<Xapian::Query> relaxed = exact;
    relaxed.push_back(AtLeast(parts, MinimumMatch(parts.size())));
    out.relaxed = Xapian::Query(Xapian::Query::OP_OR, relaxed.begin(), relaxed.end());
  }
  return out;
}

}  // namespace moderno::search
