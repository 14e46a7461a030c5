#pragma once
// From what a shopper typed to a Xapian query: analysis, synonyms, spelling correction from
// the index's own vocabulary, AND of the words with exact SKU and exact name matches on top,
// and the relaxed form (most of the words) used when AND finds nothing.
#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "search/memory_index.hpp"
#include "search/synonyms.hpp"

namespace moderno::search {

struct TextQuery {
  bool empty = true;           // blank text: browse everything
  Xapian::Query strict;        // every word (or a synonym), or an exact SKU/name
  Xapian::Query relaxed;       // most of the words; empty Query() when there is nothing to relax
  std::string corrected;       // the query with misspelt words corrected; "" when none were
};

// Builds the query. `db` supplies term frequencies and spelling suggestions; `memory`, when
// given (of `db`'s generation), tells which words exist without reading the index.
TextQuery BuildTextQuery(std::string_view text, const Synonyms& synonyms, const Xapian::Database& db,
                         const MemoryIndex* memory = nullptr);

// How many of `n` words (n >= 2) a relaxed match needs.
std::size_t MinimumMatch(std::size_t n);

// The largest number of words a query uses (the rest are ignored).
inline constexpr std::size_t kMaxQueryWords = 10;

}  // namespace moderno::search
