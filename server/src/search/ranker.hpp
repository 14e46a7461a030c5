#pragma once
// Which matches can reach a relevance-ordered page, worked out from memory, so that Xapian
// weighs only those instead of every match.
//
// A document's weight is the sum, over the query's weighted terms, of BM25's part for the
// term (from the term's frequency, the document's wdf and length) plus its in-stock/featured
// boost. The memory has every word's wdf by document and every document's length, so each
// match gets bounds on its weight: exact for a plain term, a range for a synonym group (Xapian
// weighs it with an estimate of the group's frequency, which lies between the largest member's
// frequency and the sum of them all) and for an exact SKU or name match (scaled, so unbounded
// above). Every document with an upper bound at or above the k-th largest lower bound can be
// among the first k, and no other can: Xapian ranks those candidates exactly, so the page, its
// order and its ties are Xapian's own. Where every weight is exact but for rounding, the memory
// orders the page itself (by weight, then id, as Xapian does) and the index is not walked.
#include <xapian.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "search/memory_index.hpp"

namespace moderno::search {

// The weighting of ranked searches: BM25 with Xapian's default parameters, named here because
// the bounds below compute the same formula.
struct Bm25Params {
  static constexpr double kK1 = 1.0;
  static constexpr double kK2 = 0.0;
  static constexpr double kK3 = 1.0;
  static constexpr double kB = 0.5;
  static constexpr double kMinNormlen = 0.5;
};
Xapian::BM25Weight RankingWeight();

// The candidates among `matches` (ascending ids, every one matching `text` and the filters)
// for the first `k` by weight of `text` plus boost: ascending ids, a superset of the true first
// k. When every weight is exact but for rounding (no synonym group or scaled match) and no two
// of the first k + 1 weigh the same but for rounding from different inputs, also the first k
// in order (by weight, then by id, as Xapian orders them), so the index need not be walked.
struct PageRanking {
  std::vector<std::uint32_t> candidates;
  std::vector<std::uint32_t> page;  // when `ordered`
  bool ordered = false;
};
// Nothing when the query has a shape the bounds do not follow, a wdf in memory is not exact,
// or the boosts are not all in memory.
std::optional<PageRanking> RankPage(const Xapian::Query& text, const std::vector<std::uint32_t>& matches,
                                    std::size_t k, const MemoryIndex& memory, const Xapian::Database& db,
                                    PostingCache* read = nullptr);

// Matches only the given documents (ascending ids), with no weight: the filter that has Xapian
// rank the candidates alone.
class CandidateSource : public Xapian::PostingSource {
 public:
  explicit CandidateSource(std::shared_ptr<const std::vector<std::uint32_t>> ids) : ids_(std::move(ids)) {}
  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override;
  Xapian::doccount get_termfreq_est() const override;
  Xapian::doccount get_termfreq_max() const override;
  Xapian::docid get_docid() const override;
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override;
  CandidateSource* clone() const override;
  std::string name() const override;

 private:
  std::shared_ptr<const std::vector<std::uint32_t>> ids_;
  bool started_ = false;
  std::size_t at_ = 0;
};

}  // namespace moderno::search
