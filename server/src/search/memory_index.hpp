#pragma once
// What searches read from memory instead of the index files: every document's facet value,
// in-stock/featured boost and length, and the documents of every word (the unprefixed stems,
// with the word's wdf in each) and of the in-stock and featured terms.
//
// The facet pass of a search (the total and the facet counts over the whole match set) is
// then bit operations over these sets and one array read per match, and the index is walked
// once, for the ranked page (by relevance, only at the matches that can reach it: ranker.hpp).
// The writer keeps a copy current with each commit (only the words and values of the documents
// a batch touched change) and publishes it labelled with the generation it belongs to; a
// search uses it only when its reader is at that generation.
#include <xapian.h>

#include <bit>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "search/document.hpp"

namespace moderno::search {

// Every document's facet value and boost value by document id, from one index generation.
struct FacetTable {
  std::vector<FacetValue> values;
  std::vector<std::uint8_t> present;
  std::vector<unsigned> boosted;  // Xapian::docid with a boost value, ascending
  // The boost by document id as an index into `levels` (0: no value). The boost takes a few
  // distinct values, and a byte per document keeps these reads (one per ranked match) in cache
  // where a double per document did not (17% of a search's time at 1M products).
  std::vector<std::uint8_t> boost_level;
  std::vector<double> levels{0.0};
  double max_boost = 0;
  bool boost_overflow = false;  // more than 255 distinct values: searches read the index's

  bool HasBoost(std::size_t id) const { return id < boost_level.size() && boost_level[id] != 0; }
  double BoostOf(std::size_t id) const { return levels[boost_level[id]]; }
  // Sets document `id`'s boost (below 0: none); `id` is below boost_level.size().
  void SetBoost(std::size_t id, double w);
};

// A set of document ids, one bit each.
class DocSet {
 public:
  DocSet() = default;
  explicit DocSet(std::size_t limit) : words_((limit + 63) / 64, 0) {}

  void Set(std::uint32_t id) {
    const std::size_t w = id / 64;
    if (w >= words_.size()) words_.resize(w + 1, 0);
    words_[w] |= std::uint64_t{1} << (id % 64);
  }
  void Clear(std::uint32_t id) {
    if (id / 64 < words_.size()) words_[id / 64] &= ~(std::uint64_t{1} << (id % 64));
  }
  bool Has(std::uint32_t id) const {
    return id / 64 < words_.size() && (words_[id / 64] >> (id % 64) & 1) != 0;
  }
  std::size_t WordCount() const { return words_.size(); }
  std::uint64_t Word(std::size_t i) const { return i < words_.size() ? words_[i] : 0; }
  void And(const DocSet& o);
  void Or(const DocSet& o);
  void AndNot(const DocSet& o);
  std::size_t Count() const;
  template <class F>
  void ForEach(F&& f) const {
    for (std::size_t i = 0; i < words_.size(); ++i) {
      for (std::uint64_t w = words_[i]; w != 0; w &= w - 1) {
        f(static_cast<std::uint32_t>(i * 64 + static_cast<std::size_t>(std::countr_zero(w))));
      }
    }
  }

 private:
  std::vector<std::uint64_t> words_;
};

// One document of a term and the term's within-document frequency there.
struct Posting {
  std::uint32_t id = 0;
  Xapian::termcount wdf = 0;
};

// The documents with one term: ascending ids, or a bitmap where that is smaller; and the
// term's wdf in each (a byte, in ascending id order), which the ranking's bounds read.
struct TermDocs {
  std::vector<std::uint32_t> ids;
  std::optional<DocSet> bits;
  std::vector<std::uint32_t> rank;  // bitmap form: the documents before each 64-bit word
  std::vector<std::uint8_t> wdf;    // by position among the documents
  bool wdf_over = false;            // a wdf above 255: `wdf` is not exact, the bounds not used
  std::size_t count = 0;

  // Either form from postings in ascending id, for documents below `limit`.
  static TermDocs Of(const std::vector<Posting>& postings, std::size_t limit);
  std::vector<Posting> Postings() const;
  void AddTo(DocSet& set) const;
  // The position of member `id` among the documents (bitmap form).
  std::size_t PositionOf(std::uint32_t id) const {
    const std::uint64_t below = (std::uint64_t{1} << (id % 64)) - 1;
    return rank[id / 64] + static_cast<std::size_t>(std::popcount(bits->Word(id / 64) & below));
  }
};

using TermMap = std::unordered_map<std::string, std::shared_ptr<const TermDocs>>;

struct MemoryIndex {
  std::uint64_t path_gen = 0;
  std::uint64_t commit_gen = 0;
  std::size_t limit = 1;  // above every document id
  std::shared_ptr<const FacetTable> facets;
  std::shared_ptr<const TermMap> terms;
  // Every document's length (the sum of its terms' wdf, as the index keeps it), by id.
  std::shared_ptr<const std::vector<std::uint32_t>> lengths;
};

// The terms kept in memory: words (no capital-letter prefix) and the in-stock and featured terms.
// (Inline: the query builder asks it without linking the rest.)
inline bool KeptInMemory(std::string_view term) {
  if (term.empty()) return false;
  if (term.front() < 'A' || term.front() > 'Z') return true;
  return term == kInStockTerm || term == kFeaturedTerm;
}

// The bytes its tables take (the vectors' contents, which are nearly all of it).
std::size_t MemoryBytes(const MemoryIndex& m);

// A term's postings as the index has them.
std::vector<Posting> ReadPostings(const Xapian::Database& db, const std::string& term);

// The postings of terms not kept in memory (an exact SKU or name) that one search has read.
using PostingCache = std::map<std::string, std::vector<Posting>, std::less<>>;
const std::vector<Posting>& CachedPostings(PostingCache& cache, const Xapian::Database& db, const std::string& term);

// Reads it all from one index generation.
MemoryIndex BuildMemoryIndex(const Xapian::Database& db);

// The changes of one batch: call Replace or Remove before the writer replaces or deletes the
// document (its old terms are read from the writer), then Finish.
class MemoryUpdate {
 public:
  explicit MemoryUpdate(const MemoryIndex& base) : base_(base) {}
  void Replace(const Xapian::Database& writer, Xapian::docid id, const Xapian::Document& doc);
  void Remove(const Xapian::Database& writer, Xapian::docid id);
  MemoryIndex Finish(std::uint64_t path_gen, std::uint64_t commit_gen) const;

 private:
  using Terms = std::vector<std::pair<std::string, Xapian::termcount>>;  // by term, with wdf
  // A term's changes in the batch, in order: a document with its new wdf, or -1 when it left.
  using Delta = std::vector<std::pair<std::uint32_t, std::int64_t>>;
  FacetTable& Table();
  void Diff(const Terms& before, const Terms& after, Xapian::docid id);

  const MemoryIndex& base_;
  std::shared_ptr<FacetTable> table_;  // copied from the base at the first change
  std::unordered_map<std::string, Delta> deltas_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> lengths_;  // (id, length) set by the batch
  std::size_t limit_ = 0;
};

// The documents matching the boolean form of `q` (terms, AND, OR, SYNONYM, SCALE_WEIGHT,
// FILTER, AND_NOT, AND_MAYBE, match-all); a term not kept in memory (an exact SKU or name) is
// read from `db`. Nothing for any other operator (the caller asks Xapian).
std::optional<DocSet> Evaluate(const Xapian::Query& q, const MemoryIndex& m, const Xapian::Database& db,
                               PostingCache* read = nullptr);

}  // namespace moderno::search
