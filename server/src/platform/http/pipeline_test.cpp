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

namespace moderno::http {
namespace {

// Counts like any limiter but says its count is kept over the network.
class NetworkLimiter : public RateLimiter {
 public:
  RateDecision Hit(const std::string&, const RatePolicy& p) override {
    ++hits;
    return {.allowed = true, .limit = p.limit, .remaining = p.limit - 1};
  }
  bool Blocks() const override { return true; }
  int hits = 0;
};

TEST(PipelineDispatch, LimitedRoutesCountedOverTheNetworkNeverRunOnTheIoThread) {
  Router router;
  router.Add("GET", "/inline", [](Request&) { return Response{}; }, {.runs = Runs::kInline});
  router.Add("GET", "/unlimited", [](Request&) { return Response{}; }, {.runs = Runs::kInline, .rate_class = "none"});
  int probed = 0;
  router.AddCached(
      "GET", "/cached",
      [&](Request&) -> std::optional<Response> {
        ++probed;
        return Response{};
      },
      [](Request&) { return Response{}; });
  PipelineOptions options;
  options.rate_policies["general"] = {100, std::chrono::seconds(60)};
  Pipeline pipeline(router, nullptr, nullptr, options);
  auto route = [&](const std::string& path) {
    Request req;
    req.method = "GET";
    req.path = path;
    req.remote_ip = "127.0.0.1";
    Dispatch d = pipeline.Route(req);
    return std::pair{d.runs, pipeline.Probe(req, d).has_value()};
  };
  // In-process counting: inline routes stay inline and cache hits are served by the probe.
  EXPECT_EQ(route("/inline").first, Runs::kInline);
  EXPECT_TRUE(route("/cached").second);
  NetworkLimiter limiter;
  pipeline.SetRateLimiter(&limiter);
  EXPECT_EQ(route("/inline").first, Runs::kOnWorker);
  const int before = probed;
  EXPECT_FALSE(route("/cached").second) << "the probe would count on the I/O thread";
  EXPECT_EQ(probed, before);
  EXPECT_EQ(limiter.hits, 0);
  EXPECT_EQ(route("/unlimited").first, Runs::kInline) << "nothing to count";
}

}  // namespace
}  // namespace moderno::http
