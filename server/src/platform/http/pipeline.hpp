#pragma once
// Everything between a parsed request and the bytes written, except the I/O itself: routing,
// static files, error mapping, common headers, compression, metrics and the access log.
#include <chrono>
#include <map>
#include <vector>
#include <optional>
#include <string>

#include "platform/error.hpp"
#include "platform/http/client_ip.hpp"
#include "platform/http/message.hpp"
#include "platform/http/router.hpp"
#include "platform/http/static_files.hpp"
#include "platform/metrics/metrics.hpp"

namespace moderno::http {

// Settings for the common response headers.
struct PipelineOptions {
  bool hsts = false;  // behind TLS: add Strict-Transport-Security
  std::size_t gzip_min_bytes = 1024;
  TrustedProxies trusted_proxies;
  std::map<std::string, RatePolicy> rate_policies;  // by route rate class; absent = unlimited
  // Origins our pages may post forms to besides our own (a payment provider's page reached by
  // form POST, such as Webpay's), added to the CSP's form-action.
  std::vector<std::string> form_action_origins;
  // With a read replica: a request that writes, and the same client's requests for this many
  // seconds after it (a short-lived cookie, so any node knows), read the primary. 0: no replica.
  int read_your_writes_seconds = 0;
};

// The cookie that marks a client that wrote a moment ago (read-your-writes with a replica).
inline constexpr std::string_view kPrimaryReadsCookie = "moderno_rw";

// Where a request goes: its route (or none) and the thread kind it runs on.
struct Dispatch {
  const http::Route* route = nullptr;
  std::vector<std::string> allowed;  // for 405 when only other methods match
  Runs runs = Runs::kInline;
};

class Pipeline {
 public:
  Pipeline(const Router& router, const StaticFiles* static_files, metrics::Registry* metrics,
           PipelineOptions options);

  // Plugs in token verification (the accounts domain) and the rate limiter.
  void SetAuthenticator(Authenticator* authenticator) { authenticator_ = authenticator; }
  void SetRateLimiter(RateLimiter* limiter) { limiter_ = limiter; }

  // The body limit for a request line (the route's own, else `fallback`), and the largest
  // of all routes (the limit while headers are read).
  std::size_t BodyLimit(std::string_view method, std::string_view target, std::size_t fallback) const;
  std::size_t MaxBodyLimit(std::size_t fallback) const { return router_.MaxBodyLimit(fallback); }
  // Fills route, path params and client ip; returns where the work must run.
  Dispatch Route(Request& req) const;
  // The route's fast path (a cache hit), run on the I/O thread; nullopt to queue the handler.
  std::optional<Response> Probe(Request& req, const Dispatch& dispatch) const;
  // Produces the response (handler, static file, 404/405); never throws.
  Response Execute(Request& req, const Dispatch& dispatch) const;
  // Adds common headers, compresses, records metrics and writes the access log line.
  void Finish(const Request& req, Response& resp, std::chrono::steady_clock::time_point start) const;
  // A problem response for a request that could not be read (400/413/431), finished.
  Response Reject(Request& req, Errc code, int status, std::string detail,
                  std::chrono::steady_clock::time_point start) const;

 private:
  const Router& router_;
  const StaticFiles* static_files_;
  metrics::Registry* metrics_;
  // The route's handler; with a replica, inside a PrimaryReads scope when the request writes
  // or its client wrote a moment ago (and a write sets the cookie that says so).
  Response RunHandler(Request& req, const http::Route& route) const;
  // Authentication and role checks of a route; a problem response when one fails.
  std::optional<Response> Authorize(Request& req, const http::Route& route) const;
  // True when a public route reads a bearer token, only to count a signed-in caller's requests
  // against their own rate budget (search): a bad token is ignored there, never refused.
  bool IdentifiesCaller(const http::Route& route) const;
  // True when the route is rate limited by a limiter that may wait on the network: such
  // requests run on a worker, cache hits included.
  bool CountsOffThread(const http::Route& route) const;
  // Counts the request against its route's rate limit (once); a 429 when over it.
  std::optional<Response> Limit(Request& req, const http::Route& route) const;

  PipelineOptions options_;
  Authenticator* authenticator_ = nullptr;
  RateLimiter* limiter_ = nullptr;
};

// A new random request id (16 hex digits).
std::string NewRequestId();

// The client's X-Request-ID when it is safe to echo (<= 128 chars of [A-Za-z0-9._:-]).
bool IsValidRequestId(std::string_view id);

// The target with what clients commonly send unencoded percent-encoded: the printable ASCII
// that RFC 3986 leaves out (`" < > [ \\ ] ^ ` { | }`) and well-formed UTF-8. nullopt when it
// holds a control character, a space, '#' or invalid UTF-8. Percent signs are kept as they are.
std::optional<std::string> EncodeLenientTarget(std::string_view target);

// Splits a raw target into a decoded path and query pairs, after EncodeLenientTarget; false
// when it is not a valid origin-form target (including malformed percent-encoding).
bool ParseTarget(std::string_view target, std::string& path,
                 std::vector<std::pair<std::string, std::string>>& query);

}  // namespace moderno::http
