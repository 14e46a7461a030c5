// The connection edges over raw sockets: a client trickling its headers is cut off at the header
// timeout, ambiguous body framing (request smuggling) is refused, oversized headers and targets
// get 431 and 414, and JSON bodies that are not valid UTF-8 are a 400.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "http_suite.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace moderno::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr int kHeaderTimeoutMs = 400;

// A plain TCP connection for writing a request a few bytes at a time and watching for the
// server to answer or close.
class RawConnection {
 public:
  explicit RawConnection(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      throw std::runtime_error("connect failed");
    }
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False once the server has closed the connection.
  bool Send(std::string_view bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }
  // Waits up to `wait` for the server: nullopt when it stayed silent, "" when it closed the
  // connection, otherwise the bytes it sent.
  std::optional<std::string> Poll(std::chrono::milliseconds wait) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return std::nullopt;
    char buf[4096];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    return n <= 0 ? std::string() : std::string(buf, static_cast<std::size_t>(n));
  }

 private:
  int fd_;
};

class ConnectionsHttpTest : public HttpSuite {
 protected:
  static void SetUpTestSuite() {
    StoreOptions o;
    o.max_body_bytes = 4096;
    o.configure = [](config::Config& c) { c.http_header_timeout_ms = kHeaderTimeoutMs; };
    StartStore(o, [](TestStore& store) {
      store.app().router().Add("POST", "/test/echo", [](http::Request& req) {
        return http::TextResponse(200, req.body, "text/plain");
      });
      store.app().router().Add("POST", "/test/json", [](http::Request& req) {
        auto body = http::ParseJsonObject(req);
        if (!body) return http::Problem(body.error(), req);
        return http::JsonResponse(200, json::serialize(*body));
      });
    });
  }
  static void TearDownTestSuite() { StopStore(); }

  // The problem type slug of a raw reply.
  static std::string TypeOf(const HttpResult& r) {
    auto body = Json(r);
    if (!body.contains("type")) return "";
    std::string t(body.at("type").as_string());
    return t.substr(t.rfind('/') + 1);
  }
};

TEST_F(ConnectionsHttpTest, ClientTricklingHeadersIsClosedAtTheHeaderTimeout) {
  RawConnection c(port());
  const std::string request = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(200, 'a');
  const auto first_byte = Clock::now();
  std::optional<std::string> answer;
  std::size_t sent = 0;
  // One byte every 25 ms: the headers would take 6 s and never end.
  while (sent < request.size() && Clock::now() - first_byte < 5s) {
    if (!c.Send(request.substr(sent, 1))) break;
    ++sent;
    answer = c.Poll(25ms);
    if (answer) break;
  }
  if (!answer) answer = c.Poll(2s);
  const auto took = Clock::now() - first_byte;
  ASSERT_TRUE(answer.has_value()) << "the server neither answered nor closed";
  EXPECT_EQ(*answer, "") << "closed without an answer";
  EXPECT_GE(took, std::chrono::milliseconds(kHeaderTimeoutMs - 50));
  EXPECT_LT(took, std::chrono::milliseconds(kHeaderTimeoutMs + 1500));
  EXPECT_LT(sent, request.size());
}

TEST_F(ConnectionsHttpTest, HeadersSentSlowlyButWithinTheTimeoutAreServed) {
  RawConnection c(port());
  const std::string request = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  // Four pieces over ~150 ms, well inside the header timeout.
  for (std::size_t i = 0; i < request.size(); i += 14) {
    ASSERT_TRUE(c.Send(request.substr(i, 14)));
    std::this_thread::sleep_for(50ms);
  }
  auto answer = c.Poll(2s);
  ASSERT_TRUE(answer.has_value());
  EXPECT_TRUE(answer->starts_with("HTTP/1.1 200")) << *answer;
}

TEST_F(ConnectionsHttpTest, IdleKeepAliveConnectionOutlivesTheHeaderTimeout) {
  HttpClient c(port());
  ASSERT_EQ(c.Get("/health").status, 200);
  // Waiting for the next request is the idle timeout's business, not the header timeout's.
  std::this_thread::sleep_for(std::chrono::milliseconds(kHeaderTimeoutMs * 2));
  EXPECT_EQ(c.Get("/health").status, 200);
}

TEST_F(ConnectionsHttpTest, ContentLengthWithTransferEncodingIs400AndCloses) {
  // The smuggled request after the first one must never be answered.
  const std::string smuggled = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
  for (const std::string& framing :
       {std::string("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"),
        std::string("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n"),
        std::string("Transfer-Encoding: gzip\r\nContent-Length: 5\r\n"),
        std::string("Content-Length: 5\r\nTransfer-Encoding: identity\r\n")}) {
    HttpClient c(port());
    auto r = c.Raw("POST /test/echo HTTP/1.1\r\nHost: x\r\n" + framing + "\r\n0\r\n\r\n" + smuggled);
    EXPECT_EQ(r.status, 400) << framing;
    EXPECT_EQ(TypeOf(r), "malformed") << framing;
    EXPECT_TRUE(c.ServerClosed()) << framing;
  }
}

TEST_F(ConnectionsHttpTest, TwoContentLengthsAre400AndClose) {
  for (const std::string& framing : {std::string("Content-Length: 5\r\nContent-Length: 5\r\n"),
                                     std::string("Content-Length: 5\r\nContent-Length: 40\r\n"),
                                     std::string("Content-Length: 5, 5\r\n")}) {
    HttpClient c(port());
    auto r = c.Raw("POST /test/echo HTTP/1.1\r\nHost: x\r\n" + framing + "\r\nhello" +
                   "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(r.status, 400) << framing;
    EXPECT_TRUE(c.ServerClosed()) << framing;
  }
}

TEST_F(ConnectionsHttpTest, OtherTransferCodingsThanChunkedAre400) {
  for (const std::string& framing : {std::string("Transfer-Encoding: gzip\r\n"),
                                     std::string("Transfer-Encoding: gzip, chunked\r\n"),
                                     std::string("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n")}) {
    HttpClient c(port());
    auto r = c.Raw("POST /test/echo HTTP/1.1\r\nHost: x\r\n" + framing + "\r\n5\r\nhello\r\n0\r\n\r\n");
    EXPECT_EQ(r.status, 400) << framing;
    EXPECT_TRUE(c.ServerClosed()) << framing;
  }
}

TEST_F(ConnectionsHttpTest, OneContentLengthOrChunkedAloneAreServedAndKeepTheConnection) {
  HttpClient c(port());
  auto length = c.Raw("POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
  EXPECT_EQ(length.status, 200);
  EXPECT_EQ(length.body, "hello");
  auto chunked = c.Raw("POST /test/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked \r\n\r\n"
                       "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  EXPECT_EQ(chunked.status, 200);
  EXPECT_EQ(chunked.body, "hello world");
  EXPECT_EQ(c.Get("/health").status, 200) << "the connection stays usable";
}

TEST_F(ConnectionsHttpTest, OversizedHeadersAre431AndClose) {
  HttpClient c(port());
  std::string headers;
  for (int i = 0; i < 40; ++i) headers += "X-Filler-" + std::to_string(i) + ": " + std::string(500, 'f') + "\r\n";
  auto r = c.Raw("GET /health HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n");
  EXPECT_EQ(r.status, 431);
  EXPECT_EQ(Json(r)["title"].as_string(), "Request Header Fields Too Large");
  EXPECT_TRUE(c.ServerClosed());
}

TEST_F(ConnectionsHttpTest, OversizedTargetsAre414AndClose) {
  // Over the 8 KiB target limit but within the header limit, and over both.
  for (std::size_t length : {std::size_t{9000}, std::size_t{20000}}) {
    HttpClient c(port());
    auto r = c.Raw("GET /api/v1/products?q=" + std::string(length, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(r.status, 414) << length;
    EXPECT_EQ(Json(r)["title"].as_string(), "URI Too Long") << length;
    EXPECT_EQ(r.body.find("aaaa"), std::string::npos) << "the target is not echoed";
    EXPECT_TRUE(c.ServerClosed()) << length;
  }
  HttpClient c(port());
  auto fits = c.Raw("GET /health?pad=" + std::string(8000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(fits.status, 200) << "a target under 8 KiB is served";
}

TEST_F(ConnectionsHttpTest, InvalidUtf8InJsonIs400MalformedJson) {
  for (const std::string& body : {std::string("{\"name\":\"caf\xe9\"}"),        // Latin-1, not UTF-8
                                  std::string("{\"name\":\"\xc3\x28\"}"),         // broken sequence
                                  std::string("{\"na\xff\":\"x\"}"),              // in a key
                                  std::string("{\"name\":\"\xed\xa0\x80\"}"),     // an encoded surrogate
                                  std::string("{\"name\":\"\\ud800\"}")}) {      // a lone surrogate escape
    auto r = Call("POST", "/test/json", body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(ProblemType(r), "malformed_json") << body;
  }
  auto ok = Call("POST", "/test/json", std::string("{\"name\":\"caf\xc3\xa9 \\u00f1\"}"));
  EXPECT_EQ(ok.status, 200) << ok.raw;
  EXPECT_EQ(ok.body.at("name").as_string(), "caf\xc3\xa9 \xc3\xb1");
}

TEST_F(ConnectionsHttpTest, InvalidUtf8InARealRouteIsRefusedBeforeAnythingIsStored) {
  const std::string email = "utf8.check@prueba.cl";
  auto r = Call("POST", "/api/v1/auth/register",
                std::string("{\"email\":\"") + email + "\",\"password\":\"Secreto#2026\",\"name\":\"Jos\xe9\"}");
  EXPECT_EQ(r.status, 400) << r.raw;
  EXPECT_EQ(ProblemType(r), "malformed_json");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM users WHERE email = ?", {email}), 0);
  // The same sign-up in UTF-8 goes through.
  auto valid = Call("POST", "/api/v1/auth/register",
                    std::string("{\"email\":\"") + email + "\",\"password\":\"Secreto#2026\",\"name\":\"Jos\xc3\xa9\"}");
  EXPECT_EQ(valid.status, 201) << valid.raw;
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM users WHERE email = ?", {email}), 1);
}

}  // namespace
}  // namespace moderno::testing
