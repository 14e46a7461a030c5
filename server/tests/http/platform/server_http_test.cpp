// The HTTP platform over real sockets: health, metrics, errors, limits, headers, static files,
// keep-alive, pipelining and graceful shutdown.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <regex>
#include <thread>

#include "http_suite.hpp"
#include "log_capture.hpp"
#include "platform/http/gzip.hpp"
#include "platform/http/problem.hpp"
#include "platform/time/time.hpp"

namespace moderno::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

class ServerHttpTest : public HttpSuite {
 protected:
  static void SetUpTestSuite() {
    web_ = fs::temp_directory_path() / ("moderno_web_" + std::to_string(::getpid()));
    fs::create_directories(web_ / "assets");
    std::ofstream(web_ / "index.html") << "<!doctype html><title>Moderno</title><div id=root></div>";
    std::ofstream(web_ / "assets" / "app-3f9a1c2b.js") << "console.log('hola');";
    const std::string gz = http::Gzip("console.log('hola');");
    std::ofstream(web_ / "assets" / "app-3f9a1c2b.js.gz", std::ios::binary) << gz;
    std::ofstream(web_ / "robots.txt") << "User-agent: *\n";
    StoreOptions o;
    o.web_dist = web_.string();
    o.max_body_bytes = 4096;
    StartStore(o, [](TestStore& store) {
      store.app().router().Add("GET", "/test/boom", [](http::Request&) -> http::Response {
        throw std::runtime_error("secret internals: password=hunter2");
      });
      store.app().router().Add("POST", "/test/echo", [](http::Request& req) {
        return http::TextResponse(200, req.body, "text/plain");
      });
      // The decoded query, as pairs, and the decoded path.
      store.app().router().Add("GET", "/test/query", [](http::Request& req) {
        json::array pairs;
        for (const auto& [k, v] : req.query) pairs.push_back(json::array{json::string(k), json::string(v)});
        return http::JsonResponse(200, json::serialize(json::object{{"path", req.path}, {"query", pairs}}));
      });
      // A database failure returned as a value, as every service returns it.
      db::Database& db = store.app().db();
      store.app().router().Add("GET", "/test/db-failure", [&db](http::Request& req) {
        auto rows = db.Read([](db::UnitOfWork& uow) -> Result<std::int64_t> {
          return uow.QueryOne("SELECT quantity FROM no_such_table WHERE id = ?", {std::string("param-value-hunter2")})->Int(0);
        });
        if (!rows) return http::Problem(rows.error(), req);
        return http::TextResponse(200, "unexpected", "text/plain");
      });
    });
  }
  static void TearDownTestSuite() {
    StopStore();
    fs::remove_all(web_);
  }
  static inline fs::path web_;
};

// An ISO 8601 UTC timestamp within a few seconds of now.
void ExpectRecentTimestamp(const json::value& v) {
  ASSERT_TRUE(v.is_string());
  const std::string text(v.as_string());
  EXPECT_TRUE(std::regex_match(text, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)"))) << text;
  auto at = time::FromSql(text);
  ASSERT_TRUE(at) << text;
  EXPECT_LT(std::chrono::abs(std::chrono::system_clock::now() - *at), std::chrono::seconds(5)) << text;
}

TEST_F(ServerHttpTest, HealthReportsTheSeedFieldsAndOurs) {
  HttpClient c(port());
  auto r = c.Get("/health");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "application/json");
  auto body = json::parse(r.body).as_object();
  EXPECT_EQ(body["status"].as_string(), "healthy");
  ExpectRecentTimestamp(body["timestamp"]);
  EXPECT_FALSE(body["version"].as_string().empty());
  EXPECT_GE(body["uptime_seconds"].as_int64(), 0);
  EXPECT_EQ(body.size(), 4u) << r.body;
}

TEST_F(ServerHttpTest, DetailedHealthChecksTheDatabaseDiskAndPool) {
  HttpClient c(port());
  auto r = c.Get("/health/detailed");
  ASSERT_EQ(r.status, 200) << r.body;
  auto top = json::parse(r.body).as_object();
  EXPECT_EQ(top["status"].as_string(), "healthy");
  ExpectRecentTimestamp(top["timestamp"]);
  auto checks = top.at("checks").as_object();
  EXPECT_EQ(checks["database"].at("status").as_string(), "ok");
  EXPECT_EQ(checks["database"].at("dialect").as_string(), UsingMysql() ? "mysql" : "sqlite");
  EXPECT_GT(checks["disk"].at("free_bytes").as_int64(), 0);
  EXPECT_EQ(checks["db_pool"].at("size").as_int64(), UsingMysql() ? 4 : 5);
}

TEST_F(ServerHttpTest, SecurityHeadersAndRequestIdOnEveryResponse) {
  HttpClient c(port());
  for (const char* path : {"/health", "/api/v1/nothing-here"}) {
    auto r = c.Get(path);
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff") << path;
    EXPECT_EQ(r.Header("x-frame-options"), "DENY") << path;
    EXPECT_FALSE(r.Header("content-security-policy").empty()) << path;
    EXPECT_FALSE(r.Header("referrer-policy").empty()) << path;
    EXPECT_FALSE(r.Header("permissions-policy").empty()) << path;
    EXPECT_EQ(r.Header("x-request-id").size(), 16u) << path;
  }
  EXPECT_EQ(c.Get("/health", {{"X-Request-ID", "trace-42"}}).Header("x-request-id"), "trace-42");
  EXPECT_NE(c.Get("/health", {{"X-Request-ID", "bad id!"}}).Header("x-request-id"), "bad id!");
}

TEST_F(ServerHttpTest, UnknownApiPathIsProblemJson404) {
  HttpClient c(port());
  auto r = c.Get("/api/v1/nothing-here", {{"X-Request-ID", "rid-1"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  auto body = json::parse(r.body).as_object();
  EXPECT_EQ(body["status"].as_int64(), 404);
  EXPECT_EQ(body["title"].as_string(), "Not Found");
  EXPECT_EQ(body["request_id"].as_string(), "rid-1");
  EXPECT_TRUE(body.contains("type"));
  EXPECT_TRUE(body.contains("detail"));
}

TEST_F(ServerHttpTest, WrongMethodIs405WithAllow) {
  HttpClient c(port());
  auto r = c.Request("DELETE", "/health");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("allow"), "GET, HEAD");
  EXPECT_EQ(json::parse(r.body).at("status").as_int64(), 405);
}

TEST_F(ServerHttpTest, InternalErrorsAre500WithoutLeakingDetails) {
  HttpClient c(port());
  auto r = c.Get("/test/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("hunter2"), std::string::npos);
  EXPECT_EQ(r.body.find("secret"), std::string::npos);
  EXPECT_EQ(json::parse(r.body).at("request_id").as_string(), r.Header("x-request-id"));
  // The connection survives a handler's exception.
  EXPECT_EQ(c.Get("/health").status, 200);
}

TEST_F(ServerHttpTest, DatabaseFailureIs500LoggedWithItsInternalTextAndRequestId) {
  LogCapture log;
  HttpClient c(port());
  auto r = c.Get("/test/db-failure");
  ASSERT_EQ(r.status, 500) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  auto body = Json(r);
  const std::string request_id(body["request_id"].as_string());
  EXPECT_FALSE(request_id.empty());
  EXPECT_EQ(request_id, r.Header("x-request-id"));
  EXPECT_EQ(body["detail"].as_string(), "An internal error occurred; it has been logged.");
  EXPECT_EQ(r.body.find("no_such_table"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("SELECT"), std::string::npos) << r.body;

  int logged = 0;
  for (const auto& line : log.Lines()) {
    if (line.fields.at("msg").as_string() != "request failed") continue;
    if (!line.fields.contains("request_id") || line.fields.at("request_id").as_string() != request_id) continue;
    ++logged;
    EXPECT_EQ(line.level, log::Level::kError);
    EXPECT_EQ(line.fields.at("route").as_string(), "/test/db-failure");
    EXPECT_EQ(line.fields.at("status").as_int64(), 500);
    const std::string internal(line.fields.at("internal").as_string());
    EXPECT_NE(internal.find("no_such_table"), std::string::npos) << internal;
    EXPECT_NE(internal.find("read"), std::string::npos) << internal;
    // A value no database or table name can contain (test databases are named with digits).
    EXPECT_EQ(internal.find("hunter2"), std::string::npos) << "parameter values stay out: " << internal;
  }
  EXPECT_EQ(logged, 1);
}

TEST_F(ServerHttpTest, BodyOverTheLimitIs413) {
  HttpClient c(port());
  EXPECT_EQ(c.Request("POST", "/test/echo", {}, std::string(1000, 'a')).status, 200);
  HttpClient big(port());
  auto r = big.Request("POST", "/test/echo", {}, std::string(5000, 'a'));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
}

TEST_F(ServerHttpTest, HeadersOverTheLimitAre431) {
  HttpClient c(port());
  auto r = c.Get("/health", {{"X-Big", std::string(20000, 'h')}});
  EXPECT_EQ(r.status, 431);
}

TEST_F(ServerHttpTest, GarbageIs400AndClosesTheConnection) {
  HttpClient c(port());
  auto r = c.Raw("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(c.ServerClosed());
}

TEST_F(ServerHttpTest, QueriesWithWhatBrowsersSendUnencodedAreDecoded) {
  // Brackets (PHP-style filters), pipes, carets, braces, quotes, backquotes, angle brackets, a
  // backslash and raw UTF-8, as browsers and curl send them; the same query encoded gives the
  // same pairs.
  const std::string raw = "/test/query?filters[price_min]=1&a=x|y&b=2^3&c={}&d=\"q\"&e=`<>`&f=a\\b&q=zapatilla+roja&g=sart\xc3\xa9n";
  const std::string encoded =
      "/test/query?filters%5Bprice_min%5D=1&a=x%7Cy&b=2%5E3&c=%7B%7D&d=%22q%22&e=%60%3C%3E%60&f=a%5Cb&q=zapatilla+roja&g=sart%C3%A9n";
  HttpClient c(port());
  auto r = c.Raw("GET " + raw + " HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = Json(r);
  EXPECT_EQ(body["path"].as_string(), "/test/query");
  const json::array want{json::array{"filters[price_min]", "1"}, json::array{"a", "x|y"},
                         json::array{"b", "2^3"},  json::array{"c", "{}"},
                         json::array{"d", "\"q\""},        json::array{"e", "`<>`"},
                         json::array{"f", "a\\b"},         json::array{"q", "zapatilla roja"},
                         json::array{"g", "sart\xc3\xa9n"}};
  EXPECT_EQ(body["query"].as_array(), want) << r.body;
  EXPECT_EQ(Json(c.Get(encoded))["query"].as_array(), want) << "encoded or not, the same pairs";
  // The connection stays open, and the path is parsed the same way (no route: 404, not 400).
  auto missing = c.Raw("GET /api/v1/nothing[1]|x HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(Json(missing)["instance"].as_string(), "/api/v1/nothing[1]|x");
}

TEST_F(ServerHttpTest, ControlCharactersAndMalformedPercentEncodingAre400) {
  for (const std::string target :
       {"/test/query?a=%zz", "/test/query?a=%4", "/test/query?a=1%", "/test/q%GGuery", "/test/query?a=\x01",
        "/test/query?a=\x7f", "/test/query?a=\x1b[0m", "/test/query?a=x\ty", "/test/query?a=\xff",
        "/test/query?a=caf\xe9", "/test/query?a=\xc0\xaf", "/test/query?a=\xed\xa0\x80", "/test/query?a=1#frag",
        "/test/query?a=b c"}) {
    HttpClient c(port());
    auto r = c.Raw("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json") << target;
    EXPECT_TRUE(c.ServerClosed()) << target;
  }
  // A percent-encoded byte is data, not a control character in the request line.
  HttpClient c(port());
  EXPECT_EQ(Json(c.Get("/test/query?a=%09%25"))["query"].as_array(), (json::array{json::array{"a", "\t%"}}));
}

TEST_F(ServerHttpTest, KeepAliveAndPipelining) {
  HttpClient c(port());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.Get("/health").status, 200);
  auto rs = c.RawMany(
      "GET /health HTTP/1.1\r\nHost: x\r\nX-Request-ID: one\r\n\r\n"
      "GET /api/v1/none HTTP/1.1\r\nHost: x\r\nX-Request-ID: two\r\n\r\n",
      2);
  EXPECT_EQ(rs[0].status, 200);
  EXPECT_EQ(rs[0].Header("x-request-id"), "one");
  EXPECT_EQ(rs[1].status, 404);
  EXPECT_EQ(rs[1].Header("x-request-id"), "two");
}

TEST_F(ServerHttpTest, HeadHasHeadersButNoBody) {
  HttpClient c(port());
  auto get = c.Get("/health");
  auto head = c.Request("HEAD", "/health");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.Header("content-type"), "application/json");
  EXPECT_EQ(c.Get("/health").status, 200);  // the connection is still in sync
}

TEST_F(ServerHttpTest, MetricsUseRoutePatternsNotRawPaths) {
  HttpClient c(port());
  c.Get("/media/placeholder/12345-1.svg");
  c.Get("/health");
  auto r = c.Get("/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("http_requests_total{method=\"GET\",route=\"/media/placeholder/{name}\",status=\"200\"}"),
            std::string::npos);
  EXPECT_EQ(r.body.find("12345-1.svg"), std::string::npos);
  EXPECT_NE(r.body.find("http_request_duration_seconds_bucket{route=\"/health\",le=\"0.005\"}"),
            std::string::npos);
  for (const char* m : {"db_pool_in_use", "db_query_duration_seconds_count",
                        "process_resident_memory_bytes", "http_open_connections"}) {
    EXPECT_NE(r.body.find(m), std::string::npos) << m;
  }
}

TEST_F(ServerHttpTest, PlaceholderImagesAreSvgAndOnlyForValidNames) {
  HttpClient c(port());
  auto r = c.Get("/media/placeholder/42-1.svg");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "image/svg+xml");
  EXPECT_TRUE(r.body.starts_with("<svg"));
  EXPECT_EQ(r.body, c.Get("/media/placeholder/42-1.svg").body);
  EXPECT_EQ(c.Get("/media/placeholder/..%2f..%2fetc%2fpasswd").status, 404);
  EXPECT_EQ(c.Get("/media/placeholder/abc.svg").status, 404);
}

TEST_F(ServerHttpTest, StaticFilesWithMimeTypesCachingAndPrecompression) {
  HttpClient c(port());
  auto index = c.Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.Header("cache-control"), "no-cache");
  EXPECT_NE(index.body.find("Moderno"), std::string::npos);

  auto js = c.Get("/assets/app-3f9a1c2b.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(js.body, "console.log('hola');");

  auto gz = c.Get("/assets/app-3f9a1c2b.js", {{"Accept-Encoding", "gzip, br"}});
  EXPECT_EQ(gz.Header("content-encoding"), "gzip");
  EXPECT_EQ(gz.body, http::Gzip("console.log('hola');"));

  auto etag = js.Header("etag");
  EXPECT_EQ(c.Get("/assets/app-3f9a1c2b.js", {{"If-None-Match", etag}}).status, 304);
  EXPECT_EQ(c.Get("/robots.txt").Header("content-type"), "text/plain; charset=utf-8");
}

TEST_F(ServerHttpTest, SpaFallbackOnlyForClientRoutes) {
  HttpClient c(port());
  auto page = c.Get("/productos/zapatilla-123?color=rojo");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<div id=root>"), std::string::npos);
  EXPECT_EQ(c.Get("/assets/missing-file.js").status, 404);
  auto api = c.Get("/api/v1/unknown");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.Header("content-type"), "application/problem+json");
}

TEST_F(ServerHttpTest, PathTraversalNeverLeavesTheWebRoot) {
  for (const char* target : {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                             "/assets/..%2f..%2f..%2f..%2fetc%2fpasswd", "/..%5c..%5cetc%5cpasswd"}) {
    HttpClient c(port());
    auto r = c.Raw(std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
    EXPECT_TRUE(r.status == 400 || r.status == 404 || r.body.find("<div id=root>") != std::string::npos)
        << target << " -> " << r.status;
  }
}

// A store of its own: stopping it must not disturb the other tests.
TEST(ServerShutdown, FinishesInFlightRequestsThenStops) {
  TestStore store;
  std::promise<void> entered;
  store.app().router().Add("GET", "/test/slow", [&entered](http::Request&) {
    entered.set_value();
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    return http::TextResponse(200, "done", "text/plain");
  });
  store.Start();
  const auto port = store.port();
  HttpClient idle(port);  // an idle keep-alive connection must not hold up the shutdown
  ASSERT_EQ(idle.Get("/health").status, 200);
  auto in_flight = std::async(std::launch::async, [port] {
    HttpClient c(port);
    return c.Get("/test/slow");
  });
  entered.get_future().wait();
  const auto t0 = std::chrono::steady_clock::now();
  store.Stop();
  const auto took = std::chrono::steady_clock::now() - t0;
  auto r = in_flight.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "done");
  EXPECT_LT(took, std::chrono::seconds(5));
  EXPECT_THROW(HttpClient{port}, std::exception) << "no new connections after stop";
}

}  // namespace
}  // namespace moderno::testing
