#include "search/service.hpp"

#include <gtest/gtest.h>

namespace moderno::search {
namespace {

TEST(SearchService, PriceEdgesAndBucketNames) {
  auto edges = ParsePriceEdges("10000, 25000,50000");
  ASSERT_TRUE(edges);
  EXPECT_EQ(*edges, (std::vector<std::int64_t>{10000, 25000, 50000}));
  EXPECT_EQ(BucketNames(*edges),
            (std::vector<std::string>{"0-10000", "10000-25000", "25000-50000", "50000+"}));
  EXPECT_FALSE(ParsePriceEdges("10000,5000"));
  EXPECT_FALSE(ParsePriceEdges("0,10"));
  EXPECT_FALSE(ParsePriceEdges("abc"));
  EXPECT_FALSE(ParsePriceEdges(""));
}

TEST(SearchService, QueryLengthCountsCharactersNotBytes) {
  EXPECT_EQ(CharCount("camión"), 6u);
  EXPECT_EQ(CharCount(std::string(200, 'n')), 200u);
  std::string enes;
  for (int i = 0; i < 150; ++i) enes += "ñ";
  EXPECT_EQ(CharCount(enes), 150u);
}

}  // namespace
}  // namespace moderno::search
