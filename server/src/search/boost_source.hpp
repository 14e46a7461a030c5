#pragma once
// The in-stock and featured boost read from memory: a Xapian posting source over the facet
// table's boost values, giving every match the same weight as a ValueWeightPostingSource
// over the boost slot would, without reading the index's value stream for every match. Under
// OP_AND_MAYBE Xapian asks check() for each match: one array read.
#include <xapian.h>

#include <memory>

#include "search/memory_index.hpp"

namespace moderno::search {

class BoostSource : public Xapian::PostingSource {
 public:
  explicit BoostSource(std::shared_ptr<const FacetTable> table);

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override;
  Xapian::doccount get_termfreq_est() const override;
  Xapian::doccount get_termfreq_max() const override;
  double get_weight() const override;
  Xapian::docid get_docid() const override;
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool check(Xapian::docid did, double min_wt) override;
  bool at_end() const override;
  BoostSource* clone() const override;
  std::string name() const override;

 private:
  // Where the source is: before the first entry, on entry `at_` of `boosted`, or (after check)
  // on document `checked_` or, when it is not boosted, just after it.
  enum class Mode { kStart, kList, kChecked };
  std::shared_ptr<const FacetTable> table_;
  Mode mode_ = Mode::kStart;
  std::size_t at_ = 0;
  Xapian::docid checked_ = 0;
};

}  // namespace moderno::search
