#include "platform/http/pipeline.hpp"

#include <boost/url/parse.hpp>
#include <random>

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

bool ParseTarget(std::string_view target, std::string& path,
                 std::vector<std::pair<std::string, std::string>>& query) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return false;
  path = url->path();
  if (path.empty()) path = "/";
  for (auto p : url->params()) query.emplace_back(p.key, p.has_value ? p.value : "");
  return true;
}

Pipeline::Pipeline(const Router& router, const StaticFiles* static_files,
                   metrics::Registry* metrics, PipelineOptions options)
    : router_(router), static_files_(static_files), metrics_(metrics), options_(options) {}

Dispatch Pipeline::Route(Request& req) const {
  Match m = router_.Find(req.method, req.path);
  Dispatch d;
  d.allowed = std::move(m.allowed);
  if (m.route) {
    req.route = m.route->pattern;
    req.path_params = std::move(m.params);
    d.route = m.route;
    d.runs = m.route->runs;
    return d;
  }
  req.route = std::string(kUnmatchedRoute);
  // Static files read the disk; anything else unmatched is answered at once.
  d.runs = static_files_ && static_files_->enabled() ? Runs::kOnWorker : Runs::kInline;
  return d;
}

std::optional<Response> Pipeline::Probe(Request& req, const Dispatch& d) const {
  if (!d.route || !d.route->probe) return std::nullopt;
  try {
    return d.route->probe(req);
  } catch (const std::exception& e) {
    // The handler will run and answer; the probe's failure is only logged.
    log::Error("probe failed", {{"request_id", req.request_id}, {"error", e.what()}});
    return std::nullopt;
  }
}

Response Pipeline::Execute(Request& req, const Dispatch& d) const {
  try {
    if (d.route) return d.route->handler(req);
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
    log::Error("unhandled exception", {{"request_id", req.request_id}, {"route", req.route},
                                       {"error", e.what()}});
    return Problem(Errc::kInternal, "", req);
  } catch (...) {
    log::Error("unhandled exception", {{"request_id", req.request_id}, {"route", req.route}});
    return Problem(Errc::kInternal, "", req);
  }
}

void Pipeline::Finish(const Request& req, Response& resp,
                      std::chrono::steady_clock::time_point start) const {
  resp.Set("X-Request-ID", req.request_id);
  resp.Set("X-Content-Type-Options", "nosniff");
  resp.Set("X-Frame-Options", "DENY");
  resp.Set("Referrer-Policy", "strict-origin-when-cross-origin");
  resp.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(self)");
  resp.Set("Content-Security-Policy",
           "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
           "script-src 'self'; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
           "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
  if (options_.hsts) resp.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");

  const std::string_view type = resp.Get("Content-Type").value_or("");
  if (resp.body.size() >= options_.gzip_min_bytes && IsCompressible(type) &&
      !resp.Get("Content-Encoding")) {
    if (AcceptsEncoding(req.Header("accept-encoding").value_or(""), "gzip")) {
      resp.body = Gzip(resp.body);
      resp.Set("Content-Encoding", "gzip");
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
