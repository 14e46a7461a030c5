#include "search/boost_source.hpp"

#include <algorithm>

namespace moderno::search {

BoostSource::BoostSource(std::shared_ptr<const FacetTable> table) : table_(std::move(table)) {}

void BoostSource::init(const Xapian::Database&) {
  mode_ = Mode::kStart;
  at_ = 0;
  set_maxweight(table_->max_boost);
}

Xapian::doccount BoostSource::get_termfreq_min() const { return static_cast<Xapian::doccount>(table_->boosted.size()); }
Xapian::doccount BoostSource::get_termfreq_est() const { return get_termfreq_min(); }
Xapian::doccount BoostSource::get_termfreq_max() const { return get_termfreq_min(); }

Xapian::docid BoostSource::get_docid() const { return mode_ == Mode::kChecked ? checked_ : table_->boosted[at_]; }

double BoostSource::get_weight() const { return table_->BoostOf(get_docid()); }

void BoostSource::next(double) {
  const auto& ids = table_->boosted;
  switch (mode_) {
    case Mode::kStart: at_ = 0; break;
    case Mode::kList: ++at_; break;
    case Mode::kChecked: at_ = static_cast<std::size_t>(std::ranges::upper_bound(ids, checked_) - ids.begin()); break;
  }
  mode_ = Mode::kList;
}

void BoostSource::skip_to(Xapian::docid did, double) {
  const auto& ids = table_->boosted;
  if (mode_ == Mode::kList && (at_ >= ids.size() || ids[at_] >= did)) return;
  const std::size_t from = mode_ == Mode::kList ? at_ : 0;
  at_ = static_cast<std::size_t>(std::lower_bound(ids.begin() + static_cast<std::ptrdiff_t>(from), ids.end(), did) - ids.begin());
  mode_ = Mode::kList;
}

bool BoostSource::check(Xapian::docid did, double) {
  checked_ = did;
  mode_ = Mode::kChecked;
  // False: no boost value, and the next next() or skip_to() moves past it.
  return table_->HasBoost(did);
}

bool BoostSource::at_end() const { return mode_ == Mode::kList && at_ >= table_->boosted.size(); }

BoostSource* BoostSource::clone() const { return new BoostSource(table_); }

std::string BoostSource::name() const { return {}; }  // not serialisable: local searches only

}  // namespace moderno::search
