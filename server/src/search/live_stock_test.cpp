#include "search/live_stock.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace moderno::search {
namespace {

namespace json = boost::json;

// A body like the search answer's: two products, the slots just after each '{'.
std::string TwoProducts(std::int64_t rendered_a, std::int64_t rendered_b) {
  std::string body = "{\"results\":[{";
  std::vector<StockSlot> slots;
  slots.push_back({body.size(), 7, rendered_a});
  body += "\"id\":7,\"name\":\"Zapato\"},{";
  slots.push_back({body.size(), 9, rendered_b});
  body += "\"id\":9,\"name\":\"Bota\"}],\"total\":2}";
  return EncodeStocked(body, slots);
}

TEST(SearchLiveStock, FillsEachProductsStockFromTheLiveTable) {
  LiveStock live;
  live.Reset({{7, 3}, {9, 0}});
  const json::value v = json::parse(FillStocked(TwoProducts(5, 5), live));
  const auto& results = v.at("results").as_array();
  ASSERT_EQ(results.size(), 2U);
  EXPECT_EQ(results[0].at("id").as_int64(), 7);
  EXPECT_EQ(results[0].at("stock").as_int64(), 3);
  EXPECT_TRUE(results[0].at("in_stock").as_bool());
  EXPECT_EQ(results[0].at("name").as_string(), "Zapato");
  EXPECT_EQ(results[1].at("stock").as_int64(), 0);
  EXPECT_FALSE(results[1].at("in_stock").as_bool());
  EXPECT_EQ(v.at("total").as_int64(), 2);

  live.Set(7, 1);
  live.Set(9, 12);
  const json::value later = json::parse(FillStocked(TwoProducts(5, 5), live));
  EXPECT_EQ(later.at("results").as_array()[0].at("stock").as_int64(), 1);
  EXPECT_EQ(later.at("results").as_array()[1].at("stock").as_int64(), 12);
  EXPECT_TRUE(later.at("results").as_array()[1].at("in_stock").as_bool());
}

TEST(SearchLiveStock, AProductTheTableDoesNotKnowKeepsItsRenderedStock) {
  LiveStock live;
  live.Set(9, 4);
  live.Set(7, 2);
  live.Erase(7);
  const json::value v = json::parse(FillStocked(TwoProducts(6, 1), live));
  EXPECT_EQ(v.at("results").as_array()[0].at("stock").as_int64(), 6);
  EXPECT_EQ(v.at("results").as_array()[1].at("stock").as_int64(), 4);
}

TEST(SearchLiveStock, AnAnswerWithoutProductsIsServedAsStored) {
  LiveStock live;
  const std::string body = "{\"results\":[],\"total\":0}";
  EXPECT_EQ(FillStocked(EncodeStocked(body, {}), live), body);
}

TEST(SearchLiveStock, AnIllFormedStoredValueYieldsNothing) {
  LiveStock live;
  EXPECT_EQ(FillStocked("", live), "");
  EXPECT_EQ(FillStocked("{\"results\":[]}", live), "");
  EXPECT_EQ(FillStocked("1\n99 7 1\n{}", live), "") << "a slot past the body's end";
  EXPECT_EQ(FillStocked("2\n3 7 1\n1 9 1\n{\"a\":1}", live), "") << "slots out of order";
}

}  // namespace
}  // namespace moderno::search
