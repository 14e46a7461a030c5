#include "platform/http/pipeline.hpp"

#include <gtest/gtest.h>

namespace moderno::http {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(EncodeLenientTarget, EncodesWhatClientsSendUnencodedAndKeepsTheRest) {
  EXPECT_EQ(EncodeLenientTarget("/a/b?c=d&e=%41+f"), "/a/b?c=d&e=%41+f");
  EXPECT_EQ(EncodeLenientTarget("/s?filters[price_min]=1"), "/s?filters%5Bprice_min%5D=1");
  EXPECT_EQ(EncodeLenientTarget("/s?a=|^{}\"<>`\\"), "/s?a=%7C%5E%7B%7D%22%3C%3E%60%5C");
  EXPECT_EQ(EncodeLenientTarget("/s?q=sart\xc3\xa9n&e=\xe2\x82\xac&x=\xf0\x9f\x91\x9f"),
            "/s?q=sart%C3%A9n&e=%E2%82%AC&x=%F0%9F%91%9F");
  EXPECT_EQ(EncodeLenientTarget("/s?a=%zz"), "/s?a=%zz") << "percent signs are the parser's business";
}

TEST(EncodeLenientTarget, RefusesControlsSpacesFragmentsAndInvalidUtf8) {
  for (std::string_view bad : {"/s?a=\x01", "/s?a=\x7f", "/s?a=b c", "/s?a=\t", "/s?a=1#x",
                               "/s?a=\xff", "/s?a=caf\xe9", "/s?a=\xc3", "/s?a=\xc0\xaf",
                               "/s?a=\xe0\x80\xaf", "/s?a=\xed\xa0\x80", "/s?a=\xf4\x90\x80\x80",
                               "/s?a=\xe2\x82"}) {
    EXPECT_FALSE(EncodeLenientTarget(bad)) << bad;
  }
  EXPECT_FALSE(EncodeLenientTarget(std::string_view("/s?a=\0", 6)));
}

TEST(ParseTarget, DecodesPathAndQueryFromLenientTargets) {
  std::string path;
  Pairs query;
  ASSERT_TRUE(ParseTarget("/api/v1/search/products?q=zapatilla&filters[price_min]=1&t=a|b&v", path, query));
  EXPECT_EQ(path, "/api/v1/search/products");
  EXPECT_EQ(query, (Pairs{{"q", "zapatilla"}, {"filters[price_min]", "1"}, {"t", "a|b"}, {"v", ""}}));
}

TEST(ParseTarget, RefusesMalformedPercentEncodingAndNonOriginForms) {
  for (std::string_view bad : {"/s?a=%zz", "/s?a=%4", "/s?a=%", "/p%g1", "s?a=1", "http://x/s", "*"}) {
    std::string path;
    Pairs query;
    EXPECT_FALSE(ParseTarget(bad, path, query)) << bad;
  }
}

}  // namespace
}  // namespace moderno::http
