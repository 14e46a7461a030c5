#include "catalog/io/csv.hpp"

#include <gtest/gtest.h>

namespace moderno::catalog::csv {
namespace {

TEST(Csv, QuotesOnlyWhatNeedsIt) {
  std::string out;
  AppendRecord(out, {"plain", "a,b", "say \"hi\"", "two\nlines", " lead", ""});
  EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" lead\",\r\n");
}

TEST(Csv, RoundTripsQuotedFieldsAndCountsRecordsNotLines) {
  std::string text(kBom);
  AppendRecord(text, {"sku", "description"});
  AppendRecord(text, {"A-1", "línea 1\r\nlínea \"2\", fin"});
  AppendRecord(text, {"A-2", ""});
  auto parsed = Parse(text);
  ASSERT_TRUE(parsed.has_value());
  ASSERT_EQ(parsed->size(), 3u);
  EXPECT_EQ((*parsed)[0].fields, (std::vector<std::string>{"sku", "description"}));
  EXPECT_EQ((*parsed)[1].fields[1], "línea 1\r\nlínea \"2\", fin");
  EXPECT_EQ((*parsed)[2].row, 3u);
  EXPECT_EQ((*parsed)[2].fields, (std::vector<std::string>{"A-2", ""}));
}

TEST(Csv, AcceptsLfEndingsAndSkipsEmptyLines) {
  auto parsed = Parse("a,b\n\n1,2\n3,\n");
  ASSERT_TRUE(parsed.has_value());
  ASSERT_EQ(parsed->size(), 3u);
  EXPECT_EQ((*parsed)[1].row, 2u);
  EXPECT_EQ((*parsed)[2].fields, (std::vector<std::string>{"3", ""}));
}

TEST(Csv, RejectsUnclosedQuoteAndTextAfterQuote) {
  auto unclosed = Parse("a,b\n1,\"open\n");
  ASSERT_FALSE(unclosed.has_value());
  EXPECT_EQ(unclosed.error().fields.at(0).code, "unclosed_quote");
  auto after = Parse("a,b\n\"x\"y,2\n");
  ASSERT_FALSE(after.has_value());
  EXPECT_EQ(after.error().fields.at(0).code, "text_after_quote");
}

}  // namespace
}  // namespace moderno::catalog::csv
