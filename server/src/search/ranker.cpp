#include "search/ranker.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <span>
#include <string>

namespace moderno::search {
namespace {

using P = Bm25Params;
constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Xapian adds a query's parts in its own order, so its sums can differ from these in the last
// bits: the bounds are widened by this much.
constexpr double kSlack = 1e-9;
// The matches are bounded this many at a time, so a search's scratch stays small however many
// it has.
constexpr std::size_t kChunk = 4096;

struct Context {
  std::span<const std::uint32_t> ids;  // the matches of this chunk
  const MemoryIndex& memory;
  const Xapian::Database& db;
  double n = 0;           // documents in the index
  double len_factor = 0;  // 1 / average length
  PostingCache* read = nullptr;  // exact SKU and name postings, read once per search
  // Cleared when a weight is known only within a range (a synonym group, a scaled match).
  bool* exact = nullptr;
};

// What one subquery gives each match: whether it matches, and bounds on its weight.
// `inputs` is a hash of what the weight was computed from (each weighted term's wdf, in the
// query's order): equal inputs give Xapian bit-equal weights.
struct Part {
  std::vector<std::uint8_t> hit;
  std::vector<double> lo, hi;
  std::vector<std::uint64_t> inputs;
  explicit Part(std::size_t n) : hit(n, 0), lo(n, 0.0), hi(n, 0.0), inputs(n, 0) {}
};

std::uint64_t Mix(std::uint64_t h, std::uint64_t v) {
  return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

// BM25's weight of a term with frequency `tf`, as Xapian's BM25Weight::init computes it for
// a query term of wqf 1 (k3's factor is then 1; the text query gives every term wqf 1) and no
// relevance set.
double TermWeight(double n, double tf) {
  double tw = (n - tf + 0.5) / (tf + 0.5);
  if (tw < 2) tw = tw * 0.5 + 1;
  return std::log(tw) * (P::kK1 + 1);
}

// BM25's part for a document (BM25Weight::get_sumpart).
double SumPart(double termweight, double wdf, std::uint32_t length, double len_factor) {
  const double normlen = std::max(length * len_factor, P::kMinNormlen);
  return termweight * (wdf / (P::kK1 * (normlen * P::kB + (1 - P::kB)) + wdf));
}

std::uint32_t LengthOf(const Context& c, std::uint32_t id) {
  const auto& lengths = *c.memory.lengths;
  return id < lengths.size() ? lengths[id] : 0;
}

// Which matches have `term`, with what wdf, and the term's frequency; false when a wdf is not
// known exactly.
bool TermPostings(const Context& c, const std::string& term, std::vector<std::uint8_t>& hit,
                  std::vector<Xapian::termcount>& wdf, double& tf) {
  const auto& ids = c.ids;
  hit.assign(ids.size(), 0);
  wdf.assign(ids.size(), 0);
  tf = 0;
  // A merge of two ascending lists, from the list's first id at or above the chunk's.
  const auto merge = [&](const auto& list, auto id_of, auto wdf_of) {
    std::size_t lo = 0, hi = list.size();
    while (!ids.empty() && lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (id_of(mid) < ids.front()) lo = mid + 1;
      else hi = mid;
    }
    std::size_t j = lo;
    for (std::size_t i = 0; i < ids.size() && j < list.size(); ++i) {
      while (j < list.size() && id_of(j) < ids[i]) ++j;
      if (j < list.size() && id_of(j) == ids[i]) {
        hit[i] = 1;
        wdf[i] = wdf_of(j);
      }
    }
  };
  if (!KeptInMemory(term)) {  // an exact SKU or name: a few documents, read from the index
    const std::vector<Posting>& postings = CachedPostings(*c.read, c.db, term);
    tf = static_cast<double>(postings.size());
    merge(postings, [&](std::size_t j) { return postings[j].id; }, [&](std::size_t j) { return postings[j].wdf; });
    return true;
  }
  const auto found = c.memory.terms->find(term);
  if (found == c.memory.terms->end()) return true;
  const TermDocs& t = *found->second;
  if (t.wdf_over) return false;
  tf = static_cast<double>(t.count);
  if (t.bits) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (t.bits->Has(ids[i])) {
        hit[i] = 1;
        wdf[i] = t.wdf[t.PositionOf(ids[i])];
      }
    }
  } else {
    merge(t.ids, [&](std::size_t j) { return t.ids[j]; }, [&](std::size_t j) { return Xapian::termcount{t.wdf[j]}; });
  }
  return true;
}

bool IsMatchAll(const Xapian::Query& q) {
  if (q.get_type() == Xapian::Query::LEAF_MATCH_ALL) return true;
  return q.get_type() == Xapian::Query::LEAF_TERM &&
         (q.get_terms_begin() == q.get_terms_end() || (*q.get_terms_begin()).empty());
}

// A synonym group's members: each match's summed wdf, and bounds on the frequency Xapian
// estimates for the group (an OR's estimate lies between its largest part's and their sum, an
// AND's between 0 and its smallest part's).
struct Group {
  std::vector<std::uint8_t> hit;
  std::vector<Xapian::termcount> wdf;
  double tf_lo = 0, tf_hi = 0;
};

bool GroupOf(const Xapian::Query& q, const Context& c, Group& out) {
  const std::size_t n = c.ids.size();
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      if (IsMatchAll(q)) return false;
      double tf = 0;
      if (!TermPostings(c, *q.get_terms_begin(), out.hit, out.wdf, tf)) return false;
      out.tf_lo = out.tf_hi = tf;
      return true;
    }
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM: {
      const bool all = q.get_type() == Xapian::Query::OP_AND;
      out.hit.assign(n, all ? 1 : 0);
      out.wdf.assign(n, 0);
      out.tf_lo = 0;
      out.tf_hi = all ? c.n : 0;
      for (std::size_t s = 0; s < q.get_num_subqueries(); ++s) {
        Group g;
        if (!GroupOf(q.get_subquery(s), c, g)) return false;
        for (std::size_t i = 0; i < n; ++i) {
          if (g.hit[i]) out.wdf[i] += g.wdf[i];
          out.hit[i] = all ? (out.hit[i] & g.hit[i]) : (out.hit[i] | g.hit[i]);
        }
        if (all) {
          out.tf_hi = std::min(out.tf_hi, g.tf_hi);
        } else {
          out.tf_lo = std::max(out.tf_lo, g.tf_lo);
          out.tf_hi = std::min(c.n, out.tf_hi + g.tf_hi);
        }
      }
      return true;
    }
    default: return false;
  }
}

bool Score(const Xapian::Query& q, bool weighted, const Context& c, Part& out);

// Combines the subqueries from `first` on into `out`: `all` (AND) or any (OR) must match,
// adding their weights when `weighted`.
bool Combine(const Xapian::Query& q, std::size_t first, bool all, bool weighted, const Context& c, Part& out) {
  const std::size_t n = c.ids.size();
  for (std::size_t s = first; s < q.get_num_subqueries(); ++s) {
    Part p(n);
    if (!Score(q.get_subquery(s), weighted, c, p)) return false;
    for (std::size_t i = 0; i < n; ++i) {
      if (weighted) {
        if (p.hit[i]) {
          out.lo[i] += p.lo[i];
          out.hi[i] += p.hi[i];
        }
        out.inputs[i] = Mix(out.inputs[i], p.hit[i] ? p.inputs[i] : 0x51);
      }
      out.hit[i] = all ? (out.hit[i] & p.hit[i]) : (out.hit[i] | p.hit[i]);
    }
  }
  return true;
}

bool Score(const Xapian::Query& q, bool weighted, const Context& c, Part& out) {
  const std::size_t n = c.ids.size();
  if (IsMatchAll(q)) {  // no weight
    std::ranges::fill(out.hit, 1);
    return true;
  }
  switch (q.get_type()) {
    case Xapian::Query::LEAF_MATCH_NOTHING: return true;
    case Xapian::Query::LEAF_TERM: {
      std::vector<Xapian::termcount> wdf;
      double tf = 0;
      if (!TermPostings(c, *q.get_terms_begin(), out.hit, wdf, tf)) return false;
      if (!weighted) return true;
      const double tw = TermWeight(c.n, tf);
      const std::uint64_t seed = std::hash<std::string>{}(*q.get_terms_begin());
      for (std::size_t i = 0; i < n; ++i) {
        if (!out.hit[i]) continue;
        out.lo[i] = out.hi[i] = SumPart(tw, wdf[i], LengthOf(c, c.ids[i]), c.len_factor);
        out.inputs[i] = Mix(seed, wdf[i]);
      }
      return true;
    }
    case Xapian::Query::OP_SYNONYM: {
      Group g;
      if (!GroupOf(q, c, g)) return false;
      out.hit = g.hit;
      if (!weighted) return true;
      if (std::ranges::find(out.hit, 1) != out.hit.end()) *c.exact = false;
      // Xapian's estimate is rounded to a whole count: one either side covers it.
      const double tw_lo = TermWeight(c.n, std::min(c.n, g.tf_hi + 1));
      const double tw_hi = TermWeight(c.n, std::max(0.0, g.tf_lo - 1));
      for (std::size_t i = 0; i < n; ++i) {
        if (!out.hit[i]) continue;
        const std::uint32_t length = LengthOf(c, c.ids[i]);
        const double wdf = std::min<double>(g.wdf[i], length);  // Xapian clamps a group's wdf so
        out.lo[i] = SumPart(tw_lo, wdf, length, c.len_factor);
        out.hi[i] = SumPart(tw_hi, wdf, length, c.len_factor);
      }
      return true;
    }
    case Xapian::Query::OP_AND:
      std::ranges::fill(out.hit, 1);
      return Combine(q, 0, true, weighted, c, out);
    case Xapian::Query::OP_OR: return Combine(q, 0, false, weighted, c, out);
    case Xapian::Query::OP_SCALE_WEIGHT: {
      // The scale is not readable from the query: a scaled match may weigh anything.
      if (!Score(q.get_subquery(0), weighted, c, out)) return false;
      if (weighted && std::ranges::find(out.hit, 1) != out.hit.end()) *c.exact = false;
      for (std::size_t i = 0; i < n; ++i) {
        if (out.hit[i] && weighted) {
          out.lo[i] = 0;
          out.hi[i] = kInfinity;
        }
      }
      return true;
    }
    case Xapian::Query::OP_AND_MAYBE: {
      if (!Score(q.get_subquery(0), weighted, c, out)) return false;
      Part maybe(n);
      std::ranges::fill(maybe.hit, 0);
      if (!Combine(q, 1, false, weighted, c, maybe)) return false;
      for (std::size_t i = 0; i < n; ++i) {
        if (out.hit[i] && maybe.hit[i]) {
          out.lo[i] += maybe.lo[i];
          out.hi[i] += maybe.hi[i];
        }
        out.inputs[i] = Mix(out.inputs[i], maybe.hit[i] ? maybe.inputs[i] : 0x51);
      }
      return true;
    }
    case Xapian::Query::OP_FILTER: {
      if (!Score(q.get_subquery(0), weighted, c, out)) return false;
      return Combine(q, 1, true, false, c, out);
    }
    case Xapian::Query::OP_AND_NOT: {
      if (!Score(q.get_subquery(0), weighted, c, out)) return false;
      Part without(n);
      if (!Combine(q, 1, false, false, c, without)) return false;
      for (std::size_t i = 0; i < n; ++i) out.hit[i] &= static_cast<std::uint8_t>(!without.hit[i]);
      return true;
    }
    default: return false;
  }
}

}  // namespace

Xapian::BM25Weight RankingWeight() { return Xapian::BM25Weight(P::kK1, P::kK2, P::kK3, P::kB, P::kMinNormlen); }

std::optional<PageRanking> RankPage(const Xapian::Query& text, const std::vector<std::uint32_t>& matches,
                                    std::size_t k, const MemoryIndex& memory, const Xapian::Database& db,
                                    PostingCache* read) {
  const FacetTable& table = *memory.facets;
  if (k == 0 || matches.size() <= k || table.boost_overflow || !memory.lengths) return std::nullopt;
  const double average = db.get_avlength();
  PostingCache local;
  bool exact = true;
  Context c{{}, memory, db, static_cast<double>(db.get_doccount()), average > 0 ? 1 / average : 0,
            read ? read : &local, &exact};
  std::vector<double> lo(matches.size()), hi(matches.size());
  std::vector<std::uint64_t> inputs(matches.size());
  for (std::size_t from = 0; from < matches.size(); from += kChunk) {
    c.ids = std::span<const std::uint32_t>(matches).subspan(from, std::min(kChunk, matches.size() - from));
    Part p(c.ids.size());
    if (!Score(text, true, c, p)) return std::nullopt;
    for (std::size_t i = 0; i < c.ids.size(); ++i) {
      if (!p.hit[i]) return std::nullopt;  // not the matches of this query: rank them all
      const std::uint32_t id = c.ids[i];
      const double boost = table.HasBoost(id) ? table.BoostOf(id) : 0.0;
      lo[from + i] = (p.lo[i] + boost) * (1 - kSlack);
      hi[from + i] = (p.hi[i] + boost) * (1 + kSlack);
      // The length counts as BM25 uses it: below a floor, every length weighs the same.
      const double normlen = std::max(LengthOf(c, id) * c.len_factor, P::kMinNormlen);
      inputs[from + i] = Mix(Mix(p.inputs[i], std::bit_cast<std::uint64_t>(normlen)),
                             table.HasBoost(id) ? table.boost_level[id] : 0);
    }
  }
  std::vector<double> lows = lo;
  std::nth_element(lows.begin(), lows.begin() + static_cast<std::ptrdiff_t>(k - 1), lows.end(), std::greater<>());
  const double kth = lows[k - 1];
  PageRanking out;
  std::vector<std::size_t> at;  // positions of the candidates in `matches`
  for (std::size_t i = 0; i < matches.size(); ++i) {
    if (hi[i] < kth) continue;
    out.candidates.push_back(matches[i]);
    at.push_back(i);
  }
  if (!exact) return out;
  // Every weight is exact but for rounding: the page is the candidates by weight, then by id
  // (Xapian's order for equal weights), unless two of them up to the first after the page
  // weigh the same but for rounding from different inputs, whose order only Xapian can tell.
  std::ranges::sort(at, [&](std::size_t a, std::size_t b) {
    return lo[a] != lo[b] ? lo[a] > lo[b] : matches[a] < matches[b];
  });
  const std::size_t checked = std::min(at.size(), k + 1);
  for (std::size_t j = 1; j < checked; ++j) {
    const std::size_t a = at[j - 1], b = at[j];
    if (hi[b] >= lo[a] && inputs[a] != inputs[b]) return out;
  }
  for (std::size_t j = 0; j < std::min(at.size(), k); ++j) out.page.push_back(matches[at[j]]);
  out.ordered = true;
  return out;
}

void CandidateSource::init(const Xapian::Database&) {
  started_ = false;
  at_ = 0;
  set_maxweight(0);
}

Xapian::doccount CandidateSource::get_termfreq_min() const { return static_cast<Xapian::doccount>(ids_->size()); }
Xapian::doccount CandidateSource::get_termfreq_est() const { return get_termfreq_min(); }
Xapian::doccount CandidateSource::get_termfreq_max() const { return get_termfreq_min(); }
Xapian::docid CandidateSource::get_docid() const { return (*ids_)[at_]; }

void CandidateSource::next(double) {
  if (started_) ++at_;
  started_ = true;
}

void CandidateSource::skip_to(Xapian::docid did, double) {
  started_ = true;
  const auto& ids = *ids_;
  if (at_ < ids.size() && ids[at_] >= did) return;
  at_ = static_cast<std::size_t>(std::lower_bound(ids.begin() + static_cast<std::ptrdiff_t>(at_), ids.end(), did) - ids.begin());
}

bool CandidateSource::at_end() const { return started_ && at_ >= ids_->size(); }
CandidateSource* CandidateSource::clone() const { return new CandidateSource(ids_); }
std::string CandidateSource::name() const { return {}; }  // not serialisable: local searches only

}  // namespace moderno::search
