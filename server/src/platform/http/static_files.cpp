#include "platform/http/static_files.hpp"

#include <fstream>
#include <regex>
#include <sstream>

#include "platform/http/gzip.hpp"

namespace moderno::http {
namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxFileBytes = 64 * 1024 * 1024;

bool ReadFile(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = std::move(ss).str();
  return true;
}

// Vite names built assets like index-3f9a1c2b.js: their content never changes under a name.
bool IsHashedAsset(const std::string& name) {
  static const std::regex kHashed(R"(.*[-.][A-Za-z0-9_]{8,}\.(js|css|woff2?|svg|png|jpe?g|webp|avif|ico|map)$)");
  return std::regex_match(name, kHashed);
}

bool IsApiPath(std::string_view path) {
  return path.starts_with("/api/") || path == "/api" || path.starts_with("/health") ||
         path == "/metrics" || path.starts_with("/media/");
}

}  // namespace

std::string_view MimeType(std::string_view name) {
  auto ext = name.substr(std::min(name.rfind('.'), name.size()));
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".webp") return "image/webp";
  if (ext == ".avif") return "image/avif";
  if (ext == ".gif") return "image/gif";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".webmanifest") return "application/manifest+json";
  if (ext == ".wasm") return "application/wasm";
  return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  if (fs::is_directory(root, ec)) {
    root_ = fs::canonical(root, ec);
    enabled_ = !ec;
  }
}

std::optional<Response> StaticFiles::Serve(const Request& req) const {
  if (!enabled_ || (req.method != "GET" && req.method != "HEAD")) return std::nullopt;
  std::string rel = req.path;
  while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
  if (rel.empty()) rel = "index.html";
  // Refuse anything that could name a file outside the root; then check the resolved path too.
  if (rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos) return std::nullopt;
  fs::path candidate = root_ / fs::path(rel).lexically_normal();
  for (const auto& part : fs::path(rel)) {
    if (part == "..") return std::nullopt;
  }
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(candidate, ec);
  auto [root_end, _] = std::mismatch(root_.begin(), root_.end(), resolved.begin(), resolved.end());
  if (ec || root_end != root_.end()) return std::nullopt;
  if (fs::is_regular_file(resolved, ec)) return File(req, resolved);
  // SPA fallback: client-side routes get index.html; missing assets and API paths do not.
  if (IsApiPath(req.path) || fs::path(rel).has_extension()) return std::nullopt;
  return File(req, root_ / "index.html");
}

std::optional<Response> StaticFiles::File(const Request& req, const fs::path& file) const {
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  if (ec || size > kMaxFileBytes) return std::nullopt;
  auto mtime = fs::last_write_time(file, ec).time_since_epoch().count();
  const std::string etag = "\"" + std::to_string(size) + "-" + std::to_string(mtime) + "\"";

  Response r;
  r.status = 200;
  r.Set("Content-Type", std::string(MimeType(file.filename().string())));
  r.Set("ETag", etag);
  r.Set("Vary", "Accept-Encoding");
  const std::string name = file.filename().string();
  if (IsHashedAsset(name)) {
    r.Set("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    r.Set("Cache-Control", "no-cache");
  }
  if (auto inm = req.Header("if-none-match"); inm && *inm == etag) {
    r.status = 304;
    return r;
  }
  const std::string accept(req.Header("accept-encoding").value_or(""));
  for (auto [coding, ext] : {std::pair{"br", ".br"}, std::pair{"gzip", ".gz"}}) {
    fs::path sibling = file;
    sibling += ext;
    if (AcceptsEncoding(accept, coding) && fs::is_regular_file(sibling, ec) &&
        ReadFile(sibling, r.body)) {
      r.Set("Content-Encoding", coding);
      return r;
    }
  }
  if (!ReadFile(file, r.body)) return std::nullopt;
  return r;
}

}  // namespace moderno::http
