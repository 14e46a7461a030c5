#include "search/memory_index.hpp"

#include <algorithm>
#include <iterator>

namespace moderno::search {

// ---- sets ----

void DocSet::And(const DocSet& o) {
  const std::size_t n = std::min(words_.size(), o.words_.size());
  for (std::size_t i = 0; i < n; ++i) words_[i] &= o.words_[i];
  std::fill(words_.begin() + static_cast<std::ptrdiff_t>(n), words_.end(), 0);
}

void DocSet::Or(const DocSet& o) {
  if (o.words_.size() > words_.size()) words_.resize(o.words_.size(), 0);
  for (std::size_t i = 0; i < o.words_.size(); ++i) words_[i] |= o.words_[i];
}

void DocSet::AndNot(const DocSet& o) {
  const std::size_t n = std::min(words_.size(), o.words_.size());
  for (std::size_t i = 0; i < n; ++i) words_[i] &= ~o.words_[i];
}

std::size_t DocSet::Count() const {
  std::size_t n = 0;
  for (std::uint64_t w : words_) n += static_cast<std::size_t>(std::popcount(w));
  return n;
}

TermDocs TermDocs::Of(const std::vector<Posting>& postings, std::size_t limit) {
  TermDocs t;
  t.count = postings.size();
  t.wdf.reserve(postings.size());
  for (const Posting& p : postings) {
    t.wdf_over = t.wdf_over || p.wdf > 255;
    t.wdf.push_back(static_cast<std::uint8_t>(std::min<Xapian::termcount>(p.wdf, 255)));
  }
  // A bitmap takes limit/8 bytes and its rank limit/16, the list 4 per document.
  if (postings.size() * 64 > limit * 3) {
    t.bits.emplace(limit);
    for (const Posting& p : postings) t.bits->Set(p.id);
    t.rank.resize(t.bits->WordCount());
    std::uint32_t before = 0;
    for (std::size_t i = 0; i < t.rank.size(); ++i) {
      t.rank[i] = before;
      before += static_cast<std::uint32_t>(std::popcount(t.bits->Word(i)));
    }
  } else {
    t.ids.reserve(postings.size());
    for (const Posting& p : postings) t.ids.push_back(p.id);
  }
  return t;
}

std::vector<Posting> TermDocs::Postings() const {
  std::vector<Posting> out;
  out.reserve(count);
  if (bits) {
    bits->ForEach([&](std::uint32_t id) { out.push_back({id, wdf[out.size()]}); });
  } else {
    for (std::size_t i = 0; i < ids.size(); ++i) out.push_back({ids[i], wdf[i]});
  }
  return out;
}

void TermDocs::AddTo(DocSet& set) const {
  if (bits) {
    set.Or(*bits);
  } else {
    for (auto id : ids) set.Set(id);
  }
}

void FacetTable::SetBoost(std::size_t id, double w) {
  if (w < 0) {
    boost_level[id] = 0;
    return;
  }
  max_boost = std::max(max_boost, w);
  auto at = std::find(levels.begin() + 1, levels.end(), w);
  if (at == levels.end()) {
    if (levels.size() > 255) {
      boost_overflow = true;
      boost_level[id] = 0;
      return;
    }
    levels.push_back(w);
    at = levels.end() - 1;
  }
  boost_level[id] = static_cast<std::uint8_t>(at - levels.begin());
}

// ---- building ----

namespace {

// The kept terms of a term list with their wdf (ascending, as term lists are), and the
// document's length: the sum of every term's wdf.
std::vector<std::pair<std::string, Xapian::termcount>> KeptTerms(Xapian::TermIterator it,
                                                                 const Xapian::TermIterator& end,
                                                                 std::uint64_t* length = nullptr) {
  std::vector<std::pair<std::string, Xapian::termcount>> out;
  std::uint64_t sum = 0;
  for (; it != end; ++it) {
    sum += it.get_wdf();
    if (KeptInMemory(*it)) out.emplace_back(*it, it.get_wdf());
  }
  if (length) *length = sum;
  return out;
}

// Sets document `id`'s boost in `t` (-1: none), keeping `boosted` ascending.
void SetBoost(FacetTable& t, Xapian::docid id, double w) {
  const auto at = std::ranges::lower_bound(t.boosted, id);
  const bool listed = at != t.boosted.end() && *at == id;
  if (w < 0 && listed) t.boosted.erase(at);
  if (w >= 0 && !listed) t.boosted.insert(at, id);
  t.SetBoost(id, w);
}

std::uint32_t Clamp32(std::uint64_t n) { return static_cast<std::uint32_t>(std::min<std::uint64_t>(n, UINT32_MAX)); }

double BoostValue(const std::string& bytes) { return bytes.empty() ? -1.0 : Xapian::sortable_unserialise(bytes); }

}  // namespace

std::size_t MemoryBytes(const MemoryIndex& m) {
  const FacetTable& f = *m.facets;
  std::size_t n = f.values.size() * sizeof(FacetValue) + f.present.size() + f.boost_level.size() +
                  f.boosted.size() * sizeof(unsigned) + m.lengths->size() * sizeof(std::uint32_t);
  for (const auto& [term, docs] : *m.terms) {
    n += term.size() + docs->ids.size() * sizeof(std::uint32_t) + docs->rank.size() * sizeof(std::uint32_t) +
         docs->wdf.size() + (docs->bits ? docs->bits->WordCount() * sizeof(std::uint64_t) : 0);
  }
  return n;
}

std::vector<Posting> ReadPostings(const Xapian::Database& db, const std::string& term) {
  std::vector<Posting> out;
  out.reserve(db.get_termfreq(term));
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) out.push_back({*it, it.get_wdf()});
  return out;
}

MemoryIndex BuildMemoryIndex(const Xapian::Database& db) {
  MemoryIndex m;
  m.limit = db.get_lastdocid() + 1;
  auto table = std::make_shared<FacetTable>();
  table->values.resize(m.limit);
  table->present.assign(m.limit, 0);
  for (auto it = db.valuestream_begin(kFacetSlot); it != db.valuestream_end(kFacetSlot); ++it) {
    const Xapian::docid id = it.get_docid();
    if (id < m.limit && UnpackFacet(*it, table->values[id])) table->present[id] = 1;
  }
  // Every document with a boost value, in ascending id as streamed (as the value source lists them).
  table->boost_level.assign(m.limit, 0);
  for (auto it = db.valuestream_begin(kBoostSlot); it != db.valuestream_end(kBoostSlot); ++it) {
    if (it.get_docid() >= m.limit) continue;
    table->boosted.push_back(it.get_docid());
    table->SetBoost(it.get_docid(), Xapian::sortable_unserialise(*it));
  }
  m.facets = std::move(table);
  auto terms = std::make_shared<TermMap>();
  for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
    const std::string term = *it;
    if (!KeptInMemory(term)) {
      // Past the capital-letter prefixes at once, but for the two terms kept from among them.
      if (term < kFeaturedTerm) it.skip_to(std::string(kFeaturedTerm));
      else if (term < kInStockTerm) it.skip_to(std::string(kInStockTerm));
      else if (term.front() <= 'Z') it.skip_to("[");
      if (it == db.allterms_end()) break;
      if (!KeptInMemory(*it)) continue;
    }
    const std::string kept = *it;
    terms->emplace(kept, std::make_shared<const TermDocs>(TermDocs::Of(ReadPostings(db, kept), m.limit)));
  }
  m.terms = std::move(terms);
  auto lengths = std::make_shared<std::vector<std::uint32_t>>(m.limit, 0);
  for (auto it = db.postlist_begin(std::string()); it != db.postlist_end(std::string()); ++it) {
    if (*it < m.limit) (*lengths)[*it] = Clamp32(it.get_doclength());
  }
  m.lengths = std::move(lengths);
  return m;
}

// ---- following the writer ----

FacetTable& MemoryUpdate::Table() {
  if (!table_) table_ = std::make_shared<FacetTable>(*base_.facets);
  return *table_;
}

void MemoryUpdate::Diff(const Terms& before, const Terms& after, Xapian::docid id) {
  Terms gone, came;  // a term whose wdf changed is in both
  std::ranges::set_difference(before, after, std::back_inserter(gone));
  std::ranges::set_difference(after, before, std::back_inserter(came));
  for (const auto& [t, wdf] : gone) deltas_[t].emplace_back(id, -1);
  for (const auto& [t, wdf] : came) deltas_[t].emplace_back(id, static_cast<std::int64_t>(wdf));
}

void MemoryUpdate::Replace(const Xapian::Database& writer, Xapian::docid id, const Xapian::Document& doc) {
  Terms before;
  try {
    before = KeptTerms(writer.termlist_begin(id), writer.termlist_end(id));
  } catch (const Xapian::DocNotFoundError&) {
    // Newly visible.
  }
  std::uint64_t length = 0;
  Diff(before, KeptTerms(doc.termlist_begin(), doc.termlist_end(), &length), id);
  lengths_.emplace_back(id, Clamp32(length));
  limit_ = std::max<std::size_t>(limit_, id + 1);

  FacetValue v;
  const bool present = UnpackFacet(doc.get_value(kFacetSlot), v);
  const double boost = BoostValue(doc.get_value(kBoostSlot));
  const FacetTable& now = table_ ? *table_ : *base_.facets;
  if (id < now.values.size() && now.present[id] == (present ? 1 : 0) &&
      (now.HasBoost(id) ? now.BoostOf(id) == boost : boost < 0) &&
      (!present || (now.values[id].category_id == v.category_id && now.values[id].brand_id == v.brand_id &&
                    now.values[id].price == v.price))) {
    return;  // only its words changed, or nothing
  }
  FacetTable& t = Table();
  if (id >= t.values.size()) {
    t.values.resize(id + 1);
    t.present.resize(id + 1, 0);
    t.boost_level.resize(id + 1, 0);
  }
  t.values[id] = present ? v : FacetValue{};
  t.present[id] = present ? 1 : 0;
  SetBoost(t, id, boost);
}

void MemoryUpdate::Remove(const Xapian::Database& writer, Xapian::docid id) {
  Terms before;
  try {
    before = KeptTerms(writer.termlist_begin(id), writer.termlist_end(id));
  } catch (const Xapian::DocNotFoundError&) {
    return;  // hidden already, or never visible
  }
  Diff(before, {}, id);
  const FacetTable& now = table_ ? *table_ : *base_.facets;
  if (id >= now.values.size() || (!now.present[id] && !now.HasBoost(id))) return;
  FacetTable& t = Table();
  t.present[id] = 0;
  t.values[id] = FacetValue{};
  SetBoost(t, id, -1.0);
}

MemoryIndex MemoryUpdate::Finish(std::uint64_t path_gen, std::uint64_t commit_gen) const {
  MemoryIndex m;
  m.path_gen = path_gen;
  m.commit_gen = commit_gen;
  m.limit = std::max(base_.limit, limit_);
  m.facets = table_ ? std::shared_ptr<const FacetTable>(table_) : base_.facets;
  if (lengths_.empty()) {
    m.lengths = base_.lengths;
  } else {
    auto lengths = std::make_shared<std::vector<std::uint32_t>>(*base_.lengths);
    if (lengths->size() < m.limit) lengths->resize(m.limit, 0);
    for (const auto& [id, length] : lengths_) (*lengths)[id] = length;
    m.lengths = std::move(lengths);
  }
  if (deltas_.empty()) {
    m.terms = base_.terms;
    return m;
  }
  auto terms = std::make_shared<TermMap>(*base_.terms);
  for (const auto& [term, events] : deltas_) {
    // The batch's last word on each document: its wdf now, or gone.
    Delta last = events;
    std::ranges::stable_sort(last, {}, &Delta::value_type::first);
    std::vector<std::uint32_t> removed;
    std::vector<Posting> added;
    for (std::size_t i = 0; i < last.size(); ++i) {
      if (i + 1 < last.size() && last[i + 1].first == last[i].first) continue;
      removed.push_back(last[i].first);
      if (last[i].second >= 0) added.push_back({last[i].first, static_cast<Xapian::termcount>(last[i].second)});
    }
    std::vector<Posting> postings, kept, next;
    bool over = false;
    if (auto it = terms->find(term); it != terms->end()) {
      postings = it->second->Postings();
      over = it->second->wdf_over;  // the stored bytes of a wdf above 255 are not its value
    }
    for (const Posting& p : postings) {
      if (!std::ranges::binary_search(removed, p.id)) kept.push_back(p);
    }
    std::ranges::merge(kept, added, std::back_inserter(next), {}, &Posting::id, &Posting::id);
    if (next.empty()) {
      terms->erase(term);
    } else {
      TermDocs docs = TermDocs::Of(next, m.limit);
      docs.wdf_over = docs.wdf_over || over;
      (*terms)[term] = std::make_shared<const TermDocs>(std::move(docs));
    }
  }
  m.terms = std::move(terms);
  return m;
}

// ---- evaluating ----

const std::vector<Posting>& CachedPostings(PostingCache& cache, const Xapian::Database& db, const std::string& term) {
  auto at = cache.find(term);
  if (at == cache.end()) at = cache.emplace(term, ReadPostings(db, term)).first;
  return at->second;
}

std::optional<DocSet> Evaluate(const Xapian::Query& q, const MemoryIndex& m, const Xapian::Database& db,
                               PostingCache* read) {
  const auto all = [&] {
    DocSet s(m.limit);
    const auto& present = m.facets->present;
    for (std::uint32_t id = 0; id < present.size(); ++id) {
      if (present[id]) s.Set(id);
    }
    return s;
  };
  const auto subqueries = [&](auto combine) -> std::optional<DocSet> {
    std::optional<DocSet> out;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      auto part = Evaluate(q.get_subquery(i), m, db, read);
      if (!part) return std::nullopt;
      if (!out) out = std::move(part);
      else combine(*out, *part);
    }
    return out ? out : DocSet(m.limit);
  };
  switch (q.get_type()) {
    case Xapian::Query::LEAF_MATCH_ALL: return all();
    case Xapian::Query::LEAF_MATCH_NOTHING: return DocSet(m.limit);
    case Xapian::Query::LEAF_TERM: {
      const auto it = q.get_terms_begin();
      if (it == q.get_terms_end() || (*it).empty()) return all();
      const std::string term = *it;
      DocSet s(m.limit);
      if (KeptInMemory(term)) {
        if (auto found = m.terms->find(term); found != m.terms->end()) found->second->AddTo(s);
      } else {
        PostingCache local;
        for (const Posting& p : CachedPostings(read ? *read : local, db, term)) s.Set(p.id);
      }
      return s;
    }
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER: return subqueries([](DocSet& a, const DocSet& b) { a.And(b); });
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM: return subqueries([](DocSet& a, const DocSet& b) { a.Or(b); });
    case Xapian::Query::OP_AND_NOT: return subqueries([](DocSet& a, const DocSet& b) { a.AndNot(b); });
    case Xapian::Query::OP_SCALE_WEIGHT:
    case Xapian::Query::OP_AND_MAYBE: return Evaluate(q.get_subquery(0), m, db, read);
    default: return std::nullopt;
  }
}

}  // namespace moderno::search
