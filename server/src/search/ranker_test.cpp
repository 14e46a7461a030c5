// The candidates for a relevance-ordered page always hold the page Xapian ranks over every
// match, for each query shape searches make (terms, AND, OR, synonym groups of words and of
// phrases, scaled exact terms, filters), over more matches than one chunk of the bounds, and
// they are fewer than the matches; where every weight is exact, the page the memory orders
// itself is Xapian's.
#include "search/ranker.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "search/document.hpp"

namespace moderno::search {
namespace {

constexpr std::size_t kPage = 10;

std::vector<Xapian::docid> Page(const Xapian::Database& db, const Xapian::Query& text,
                                const std::vector<std::uint32_t>* candidates) {
  Xapian::Query q(Xapian::Query::OP_AND_MAYBE, text,
                  Xapian::Query((new Xapian::ValueWeightPostingSource(kBoostSlot))->release()));
  if (candidates) {
    auto ids = std::make_shared<const std::vector<std::uint32_t>>(*candidates);
    q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query((new CandidateSource(ids))->release()));
  }
  Xapian::Enquire e(db);
  e.set_query(q);
  e.set_weighting_scheme(RankingWeight());
  const Xapian::MSet m = e.get_mset(0, kPage);
  return {m.begin(), m.end()};
}

TEST(SearchRanker, CandidatesHoldThePageXapianRanksOverEveryMatch) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::mt19937 rng(16);
  const auto below = [&](unsigned n) { return static_cast<unsigned>(rng() % n); };
  for (Xapian::docid id = 1; id <= 30000; ++id) {
    Xapian::Document doc;
    // Words of varied frequency and wdf, and filler that varies the length.
    for (const auto& [term, one_in] : {std::pair{"a", 1u}, {"b", 2u}, {"c", 3u}, {"d", 5u}, {"e", 2u}}) {
      if (below(one_in) == 0) doc.add_term(term, 1 + below(12));
    }
    doc.add_term("filler" + std::to_string(below(50)), 1 + below(30));
    if (id % 1000 == 0) doc.add_term("Qexact");
    if (below(2) == 0) doc.add_value(kBoostSlot, Xapian::sortable_serialise(below(3) * 0.5));
    doc.add_value(kFacetSlot, PackFacet({1, 0, 100}));
    db.replace_document(id, doc);
  }
  db.commit();
  const MemoryIndex memory = BuildMemoryIndex(db);

  using Q = Xapian::Query;
  const Q a("a"), b("b"), c("c"), d("d"), e("e");
  // A synonym group's weight is known only within a range (its frequency is Xapian's estimate),
  // wide for these frequent words: its candidates may be every match.
  struct Case {
    std::string what;
    Q q;
    bool pruned;
  };
  const std::vector<Case> queries{
      {"a term", a, true},
      {"AND", Q(Q::OP_AND, a, b), true},
      {"OR", Q(Q::OP_OR, c, d), true},
      {"synonyms", Q(Q::OP_SYNONYM, b, d), false},
      {"a synonym with a phrase", Q(Q::OP_AND, e, Q(Q::OP_SYNONYM, Q(Q::OP_AND, b, c), d)), false},
      {"exact or words", Q(Q::OP_OR, Q(Q::OP_SCALE_WEIGHT, Q("Qexact"), 20), Q(Q::OP_AND, a, e)), true},
      {"filtered", Q(Q::OP_FILTER, Q(Q::OP_OR, b, c), e), true},
      {"and not", Q(Q::OP_AND_NOT, a, b), true},
  };
  for (const auto& [what, q, pruned] : queries) {
    const std::optional<DocSet> set = Evaluate(q, memory, db);
    ASSERT_TRUE(set) << what;
    std::vector<std::uint32_t> matches;
    set->ForEach([&](std::uint32_t id) { matches.push_back(id); });
    ASSERT_GT(matches.size(), 4096u) << what << ": more matches than one chunk";
    const auto ranking = RankPage(q, matches, kPage, memory, db);
    ASSERT_TRUE(ranking) << what;
    const auto* candidates = &ranking->candidates;
    EXPECT_TRUE(std::ranges::is_sorted(*candidates)) << what;
    if (pruned) {
      EXPECT_LT(candidates->size(), matches.size() / 4) << what << ": fewer than the matches";
    }
    const std::vector<Xapian::docid> want = Page(db, q, nullptr);
    ASSERT_EQ(want.size(), kPage) << what;
    for (auto id : want) EXPECT_TRUE(std::ranges::binary_search(*candidates, id)) << what << ": " << id;
    EXPECT_EQ(Page(db, q, candidates), want) << what;
    // Without a synonym group or a scaled match every weight is exact: the memory orders the
    // page itself, as Xapian does.
    EXPECT_EQ(ranking->ordered, pruned && what != "exact or words") << what << " ordered " << ranking->ordered;
    if (ranking->ordered) {
      EXPECT_EQ(std::vector<Xapian::docid>(ranking->page.begin(), ranking->page.end()), want) << what;
    }
  }
}

}  // namespace
}  // namespace moderno::search
