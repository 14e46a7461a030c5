#include "platform/http/pipeline.hpp"

#include <boost/url/parse.hpp>
#include <random>

#include "platform/db/db.hpp"
#include "platform/http/cookies.hpp"
#include "platform/http/gzip.hpp"
#include "platform/http/problem.hpp"
#include "platform/log/log.hpp"

namespace moderno::http {

namespace {
constexpr std::string_view kStaticRoute = "static";
constexpr std::string_view kUnmatchedRoute = "unmatched";

bool IsCompressible(std::string_view content_type) {
  return content_type.starts_with("application/json") ||
         content_type.starts_with("application/problem+json") ||
         content_type.starts_with("text/") || content_type.starts_with("image/svg+xml");
}
}  // namespace

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t v = rng();
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) id[i] = kHex[v & 0xf];
  return id;
}

bool IsValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
          c == ':')) {
      return false;
    }
  }
  return true;
}

namespace {
// Printable ASCII that RFC 3986 leaves out of paths and queries but that browsers and common
// clients send unencoded (PHP-style filters[price_min], pipes, carets, braces, quotes).
bool SentUnencoded(unsigned char c) {
  switch (c) {
    case '"': case '<': case '>': case '[': case '\\': case ']': case '^': case '`': case '{':
    case '|': case '}':
      return true;
    default:
      return false;
  }
}

// The length of the well-formed UTF-8 sequence that starts at s[i] (a byte >= 0x80), or 0.
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) n = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) {
    n = 3;
    if (lead == 0xE0) lo = 0xA0;  // no overlong forms
    if (lead == 0xED) hi = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    n = 4;
    if (lead == 0xF0) lo = 0x90;
    if (lead == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > s.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

// The bearer token of the Authorization header, when there is one.
std::optional<std::string_view> BearerToken(const Request& req) {
  const std::string_view header = req.Header("authorization").value_or("");
  if (header.size() > 7 && (header.starts_with("Bearer ") || header.starts_with("bearer "))) {
    return header.substr(7);
  }
  return std::nullopt;
}

// Rate classes that count a signed-in caller per user; everyone else is counted per IP.
bool CountsPerUser(std::string_view rate_class) { return rate_class == "search" || rate_class == "admin"; }
}  // namespace

std::optional<std::string> EncodeLenientTarget(std::string_view target) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(target.size());
  for (std::size_t i = 0; i < target.size(); ++i) {
    const auto c = static_cast<unsigned char>(target[i]);
    if (c <= 0x20 || c == 0x7F || c == '#') return std::nullopt;  // controls, space, fragment
    std::size_t n = 1;
    if (c >= 0x80) {
      n = Utf8SequenceLength(target, i);
      if (n == 0) return std::nullopt;
    } else if (!SentUnencoded(c)) {
      out += static_cast<char>(c);  // '%' too: malformed escapes are left for the parser
      continue;
    }
    for (std::size_t k = 0; k < n; ++k) {
      const auto b = static_cast<unsigned char>(target[i + k]);
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
    i += n - 1;
  }
  return out;
}

bool ParseTarget(std::string_view target, std::string& path,
                 std::vector<std::pair<std::string, std::string>>& query) {
  auto encoded = EncodeLenientTarget(target);
  if (!encoded) return false;
  auto url = boost::urls::parse_origin_form(*encoded);
  if (!url) return false;
  path = url->path();
  if (path.empty()) path = "/";
  for (auto p : url->params()) query.emplace_back(p.key, p.has_value ? p.value : "");
  return true;
}

Pipeline::Pipeline(const Router& router, const StaticFiles* static_files,
                   metrics::Registry* metrics, PipelineOptions options)
    : router_(router), static_files_(static_files), metrics_(metrics), options_(options) {}

std::size_t Pipeline::BodyLimit(std::string_view method, std::string_view target,
                                std::size_t fallback) const {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  if (!ParseTarget(target, path, query)) return fallback;
  return router_.BodyLimit(method, path, fallback);
}

Dispatch Pipeline::Route(Request& req) const {
  req.client_ip = ClientIp(req.remote_ip, req.Header("x-forwarded-for"), options_.trusted_proxies);
  Match m = router_.Find(req.method, req.path);
  Dispatch d;
  d.allowed = std::move(m.allowed);
  if (m.route) {
    req.route = m.route->pattern;
    req.path_params = std::move(m.params);
    d.route = m.route;
    d.runs = m.route->options.runs;
    // A limited route whose count is kept over the network is counted on a worker.
    if (CountsOffThread(*m.route)) d.runs = Runs::kOnWorker;
    return d;
  }
  req.route = std::string(kUnmatchedRoute);
  // Static files read the disk; anything else unmatched is answered at once.
  d.runs = static_files_ && static_files_->enabled() ? Runs::kOnWorker : Runs::kInline;
  return d;
}

std::optional<Response> Pipeline::Probe(Request& req, const Dispatch& d) const {
  if (!d.route || !d.route->probe || d.route->options.access.kind != Access::Kind::kPublic ||
      CountsOffThread(*d.route)) {
    return std::nullopt;
  }
  // A token decides whose budget the request counts against, and checking it reads the
  // database: such requests go to a worker, which authenticates them before counting.
  if (IdentifiesCaller(*d.route) && BearerToken(req)) return std::nullopt;
  try {
    // A cached answer is still counted against the client's rate limit.
    if (auto refused = Limit(req, *d.route)) return refused;
    auto hit = d.route->probe(req);
    if (hit && req.rate_limit) {
      for (auto& [k, v] : *req.rate_limit) hit->Set(k, v);
    }
    return hit;
  } catch (const std::exception& e) {
    // The handler will run and answer; the probe's failure is only logged.
    log::Error("probe failed", {{"request_id", req.request_id}, {"error", e.what()}});
    return std::nullopt;
  }
}

Response Pipeline::RunHandler(Request& req, const http::Route& route) const {
  if (options_.read_your_writes_seconds <= 0) return route.handler(req);
  const bool writes = req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
  bool wrote_recently = false;
  if (auto cookie = req.Header("cookie")) wrote_recently = CookieValue(*cookie, kPrimaryReadsCookie).has_value();
  std::optional<db::Database::PrimaryReads> primary;
  if (writes || wrote_recently) primary.emplace();
  Response r = route.handler(req);
  if (writes && r.status < 400) {
    r.headers.emplace_back("Set-Cookie", std::string(kPrimaryReadsCookie) + "=1; Path=/; Max-Age=" +
                                             std::to_string(options_.read_your_writes_seconds) +
                                             "; HttpOnly; SameSite=Lax");
  }
  return r;
}

Response Pipeline::Execute(Request& req, const Dispatch& d) const {
  try {
    if (d.route) {
      if (auto refused = Authorize(req, *d.route)) return std::move(*refused);
      if (auto refused = Limit(req, *d.route)) return std::move(*refused);
      Response r = RunHandler(req, *d.route);
      if (req.rate_limit) {
        for (auto& [k, v] : *req.rate_limit) r.Set(k, v);
      }
      return r;
    }
    const Match m{nullptr, {}, d.allowed};
    if (static_files_) {
      if (auto r = static_files_->Serve(req)) {
        req.route = std::string(kStaticRoute);
        return std::move(*r);
      }
    }
    if (!m.allowed.empty()) {
      Response r = Problem(Errc::kMethodNotAllowed,
                           "Method " + req.method + " is not allowed on " + req.path + ".", req);
      std::string allow;
      for (const auto& a : m.allowed) allow += (allow.empty() ? "" : ", ") + a;
      if (std::ranges::find(m.allowed, "GET") != m.allowed.end()) allow += ", HEAD";
      r.Set("Allow", allow);
      return r;
    }
    return Problem(Errc::kNotFound, "No resource at " + req.path + ".", req);
  } catch (const std::exception& e) {
    // Problem logs it with the request id and route.
    return Problem(Error{Errc::kInternal, "", std::string("unhandled exception: ") + e.what(), {}, {}}, req);
  } catch (...) {
    return Problem(Error{Errc::kInternal, "", "unhandled exception", {}, {}}, req);
  }
}

std::optional<Response> Pipeline::Authorize(Request& req, const http::Route& route) const {
  const Access& access = route.options.access;
  const std::optional<std::string_view> token = BearerToken(req);
  if (access.kind == Access::Kind::kPublic) {
    // A valid token only moves the caller to their own rate budget; a bad one (expired,
    // revoked) is not refused on a public route: the caller is anonymous, counted per IP.
    if (token && IdentifiesCaller(route)) {
      if (auto principal = authenticator_->Authenticate(*token)) req.principal = std::move(*principal);
    }
    return std::nullopt;
  }
  if (!token && access.kind == Access::Kind::kAuthenticated) {
    Response r = Problem(Errc::kUnauthenticated, "This resource needs a bearer token.", req);
    r.Set("WWW-Authenticate", "Bearer");
    return r;
  }
  if (token) {
    if (!authenticator_) return Problem(Errc::kUnavailable, "Authentication is not available.", req);
    auto principal = authenticator_->Authenticate(*token);
    if (!principal) {
      if (access.min_role > Role::kCustomer) {
        log::Security("staff_route_unauthenticated", {{"request_id", req.request_id},
                                                      {"route", req.route},
                                                      {"ip", req.client_ip}});
      }
      Response r = Problem(principal.error(), req);
      r.Set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      return r;
    }
    req.principal = std::move(*principal);
  }
  if (access.min_role > Role::kCustomer && req.principal) {
    if (req.principal->role < access.min_role) {
      log::Security("staff_route_forbidden", {{"request_id", req.request_id},
                                              {"route", req.route},
                                              {"ip", req.client_ip},
                                              {"user_id", static_cast<long long>(req.principal->user_id)}});
      return Problem(Errc::kPermissionDenied,
                     "This needs the " + std::string(RoleName(access.min_role)) + " role.", req);
    }
    if (req.principal->password_change_required && !access.allow_expired_password) {
      Error e;
      e.code = Errc::kPermissionDenied;
      e.type = "password_change_required";
      e.detail = "Your staff password has expired; change it at PUT /api/v1/me/password.";
      return Problem(e, req);
    }
    if (req.principal->two_factor_setup_required && !access.allow_without_two_factor) {
      Error e;
      e.code = Errc::kPermissionDenied;
      e.type = "two_factor_setup_required";
      e.detail = "Your role requires two-factor sign-in; set it up at /api/v1/me/2fa first.";
      return Problem(e, req);
    }
  }
  return std::nullopt;
}

bool Pipeline::CountsOffThread(const http::Route& route) const {
  return limiter_ && limiter_->Blocks() && options_.rate_policies.contains(route.options.rate_class);
}

bool Pipeline::IdentifiesCaller(const http::Route& route) const {
  // Only where it changes the count: a limited per-user class, on a worker route (checking a
  // token reads the database, which the I/O thread never does).
  return route.options.access.kind == Access::Kind::kPublic && authenticator_ && limiter_ &&
         route.options.runs == Runs::kOnWorker && CountsPerUser(route.options.rate_class) &&
         options_.rate_policies.contains(route.options.rate_class);
}

std::optional<Response> Pipeline::Limit(Request& req, const http::Route& route) const {
  if (!limiter_ || req.rate_limit) return std::nullopt;
  auto policy = options_.rate_policies.find(route.options.rate_class);
  if (policy == options_.rate_policies.end()) return std::nullopt;
  // Signed-in users are counted per user on search and admin routes (public search routes read
  // the token for this alone, see IdentifiesCaller), everyone else per IP.
  const bool per_user = req.principal && CountsPerUser(route.options.rate_class);
  const std::string key = route.options.rate_class + ":" +
                          (per_user ? "u" + std::to_string(req.principal->user_id)
                                    : "ip" + req.client_ip);
  RateDecision d = limiter_->Hit(key, policy->second);
  req.rate_limit = Headers{{"RateLimit-Limit", std::to_string(d.limit)},
                           {"RateLimit-Remaining", std::to_string(d.remaining)},
                           {"RateLimit-Reset", std::to_string(d.reset.count())}};
  if (d.allowed) return std::nullopt;
  Error e;
  e.code = Errc::kResourceExhausted;
  e.detail = "Too many requests; retry after " + std::to_string(d.retry_after.count()) + " s.";
  Response r = Problem(e, req);
  for (auto& [k, v] : *req.rate_limit) r.Set(k, v);
  r.Set("Retry-After", std::to_string(d.retry_after.count()));
  return r;
}

void Pipeline::Finish(const Request& req, Response& resp,
                      std::chrono::steady_clock::time_point start) const {
  resp.Set("X-Request-ID", req.request_id);
  resp.Set("X-Content-Type-Options", "nosniff");
  resp.Set("X-Frame-Options", "DENY");
  resp.Set("Referrer-Policy", "strict-origin-when-cross-origin");
  resp.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(self)");
  std::string csp =
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
      "script-src 'self'; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
      "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
  for (const auto& origin : options_.form_action_origins) csp += " " + origin;
  resp.Set("Content-Security-Policy", csp);
  if (options_.hsts) resp.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");

  const std::string_view type = resp.Get("Content-Type").value_or("");
  if (resp.body.size() >= options_.gzip_min_bytes && IsCompressible(type) &&
      !resp.Get("Content-Encoding")) {
    if (AcceptsEncoding(req.Header("accept-encoding").value_or(""), "gzip")) {
      resp.body = Gzip(resp.body);
      resp.Set("Content-Encoding", "gzip");
      // The gzip bytes are another representation: a strong validator becomes weak (as nginx
      // does); If-None-Match compares weakly, so either form revalidates.
      if (auto etag = resp.Get("ETag"); etag && etag->starts_with('"')) resp.Set("ETag", "W/" + std::string(*etag));
    }
    resp.Set("Vary", "Accept-Encoding");
  }

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (metrics_) metrics_->ObserveRequest(req.method, req.route, resp.status, seconds);
  log::Info("request", {{"request_id", req.request_id},
                        {"method", req.method},
                        {"route", req.route},
                        {"status", resp.status},
                        {"duration_ms", seconds * 1000.0},
                        {"bytes", static_cast<long long>(resp.body.size())}});
}

Response Pipeline::Reject(Request& req, Errc code, int status, std::string detail,
                          std::chrono::steady_clock::time_point start) const {
  if (req.route.empty()) req.route = std::string(kUnmatchedRoute);
  Error error;
  error.code = code;
  error.detail = std::move(detail);
  Response r = Problem(error, req, status);
  Finish(req, r, start);
  return r;
}

}  // namespace moderno::http
