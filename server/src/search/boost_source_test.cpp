// The in-memory boost gives every match the weight the index's boost values give: the same
// documents in the same order with the same weights, whether Xapian drives it by check()
// (OP_AND_MAYBE, as searches do), by next() and skip_to() (OP_OR, OP_AND) or alone.
#include "search/boost_source.hpp"

#include <gtest/gtest.h>

#include <random>

#include "search/document.hpp"

namespace moderno::search {
namespace {

struct Ranked {
  std::vector<Xapian::docid> ids;
  std::vector<double> weights;
};

Ranked Rank(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire e(db);
  e.set_query(q);
  const Xapian::MSet m = e.get_mset(0, db.get_doccount());
  Ranked r;
  for (auto it = m.begin(); it != m.end(); ++it) {
    r.ids.push_back(*it);
    r.weights.push_back(it.get_weight());
  }
  return r;
}

TEST(SearchBoostSource, WeighsLikeTheIndexBoostValues) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::mt19937 rng(16);
  const double kBoosts[] = {0.0, 0.0, 1.0, 2.5, 3.5};
  auto table = std::make_shared<FacetTable>();
  table->boost_level.assign(601, 0);
  for (Xapian::docid id = 1; id <= 600; ++id) {
    Xapian::Document doc;
    doc.add_term("a");
    if (id % 3 == 0) doc.add_term("b", 1 + id % 4);
    if (id % 7 == 0) doc.add_term("c");
    const double boost = kBoosts[rng() % 5];
    if (id % 50 != 0) {  // a few documents without a value
      doc.add_value(kBoostSlot, Xapian::sortable_serialise(boost));
      table->boosted.push_back(id);
      table->SetBoost(id, boost);
    }
    db.replace_document(id, doc);
  }
  db.commit();
  ASSERT_EQ(table->boosted.size(), 588u);
  auto with = [&](Xapian::Query::op op, const Xapian::Query& left, bool from_table) {
    Xapian::PostingSource* source = from_table ? static_cast<Xapian::PostingSource*>(new BoostSource(table))
                                               : new Xapian::ValueWeightPostingSource(kBoostSlot);
    return Xapian::Query(op, left, Xapian::Query(source->release()));
  };
  const Xapian::Query b("b"), bc(Xapian::Query::OP_OR, Xapian::Query("b"), Xapian::Query("c"));
  for (auto op : {Xapian::Query::OP_AND_MAYBE, Xapian::Query::OP_OR, Xapian::Query::OP_AND}) {
    for (const auto& left : {b, bc}) {
      const Ranked want = Rank(db, with(op, left, false));
      const Ranked got = Rank(db, with(op, left, true));
      ASSERT_FALSE(want.ids.empty());
      EXPECT_EQ(got.ids, want.ids) << "op " << op;
      ASSERT_EQ(got.weights.size(), want.weights.size());
      for (std::size_t i = 0; i < want.weights.size(); ++i) EXPECT_NEAR(got.weights[i], want.weights[i], 1e-9);
    }
  }
  // Alone: exactly the documents with a value.
  const Ranked alone = Rank(db, Xapian::Query((new BoostSource(table))->release()));
  EXPECT_EQ(alone.ids.size(), table->boosted.size());
}

}  // namespace
}  // namespace moderno::search
