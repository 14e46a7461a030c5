#pragma once
// The request and response that handlers see: plain structs, no Beast, so domain code compiles fast.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/http/auth.hpp"

namespace moderno::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

// An HTTP request after parsing; header names are lower-case.
struct Request {
  std::string method;
  std::string target;  // as received, path plus query
  std::string path;    // percent-decoded path
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  Headers headers;
  std::string body;
  std::vector<std::pair<std::string, std::string>> path_params;  // from the route pattern
  std::string route;       // the matched route pattern, for logs and metrics
  std::string request_id;  // from X-Request-ID or generated
  std::string remote_ip;   // the socket peer
  std::string client_ip;   // the client: the peer, or from X-Forwarded-For behind a trusted proxy
  std::optional<Principal> principal;  // set for routes that authenticate
  std::optional<Headers> rate_limit;   // RateLimit-* headers once the request was counted

  // The first header with this lower-case name.
  std::optional<std::string_view> Header(std::string_view name) const;
  // The first query parameter with this name.
  std::optional<std::string_view> Query(std::string_view name) const;
  // A path parameter from the route pattern ("" when absent).
  std::string_view Param(std::string_view name) const;
};

// A response body written over time (Server-Sent Events). The server sends the head
// (chunked), then whatever Next() returns each time the source wakes it, until Next() says the
// stream is over, the client goes away or the server stops; then it calls Stop() once.
// Memory stays bounded by the source: the server takes bytes only when the previous write is done.
class StreamSource {
 public:
  virtual ~StreamSource() = default;
  // Called once on the I/O thread; `wake` may be called from any thread, any number of times.
  virtual void Start(std::function<void()> wake) = 0;
  // The bytes ready now ("" when none), or nullopt when the stream is over (the server closes).
  virtual std::optional<std::string> Next() = 0;
  // The connection ended; no more calls follow. `bytes` is what was written.
  virtual void Stop(std::size_t bytes) = 0;
  // Written when nothing else was for `heartbeat_interval` (keeps proxies from timing out).
  virtual std::string Heartbeat() const = 0;
  virtual std::chrono::milliseconds HeartbeatInterval() const = 0;
};

// A response; the server adds the common headers (request id, security, compression).
struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // When set, `body` is ignored and the body is streamed from the source.
  std::shared_ptr<StreamSource> stream;

  // Sets (replacing) a header.
  void Set(std::string name, std::string value);
  // The value of a header, when set.
  std::optional<std::string_view> Get(std::string_view name) const;
};

// A response with a JSON body already serialised.
Response JsonResponse(int status, std::string body);

// A response with a body and content type.
Response TextResponse(int status, std::string body, std::string content_type);

}  // namespace moderno::http
