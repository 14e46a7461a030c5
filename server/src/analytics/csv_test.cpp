#include "analytics/csv.hpp"

#include <gtest/gtest.h>

namespace moderno::analytics {
namespace {

TEST(AnalyticsCsv, QuotesCommasQuotesAndNewlines) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(CsvField("Ñandú ración"), "Ñandú ración");
}

TEST(AnalyticsCsv, NeutralisesFormulasButNotNegativeNumbers) {
  EXPECT_EQ(CsvField("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(CsvField("+1"), "'+1");
  EXPECT_EQ(CsvField("@cmd"), "'@cmd");
  EXPECT_EQ(CsvField("-x"), "'-x");
  EXPECT_EQ(CsvField("-15"), "-15");
}

TEST(AnalyticsCsv, RowsEndWithCrlf) {
  std::string out;
  AppendCsvRow(out, {"a", "b,c", ""});
  EXPECT_EQ(out, "a,\"b,c\",\r\n");
}

}  // namespace
}  // namespace moderno::analytics
