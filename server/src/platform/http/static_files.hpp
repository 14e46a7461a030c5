#pragma once
// Serves the built web app (web/dist): MIME types, precompressed siblings, immutable caching
// for hashed assets, SPA fallback to index.html, and no way out of the root.
#include <filesystem>
#include <optional>

#include "platform/http/message.hpp"

namespace moderno::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  // The response for a GET/HEAD of a file under the root, or nullopt when there is none
  // (and no SPA fallback applies).
  std::optional<Response> Serve(const Request& req) const;
  bool enabled() const { return enabled_; }

 private:
  std::optional<Response> File(const Request& req, const std::filesystem::path& file) const;
  std::filesystem::path root_;
  bool enabled_ = false;
};

// The MIME type for a file name.
std::string_view MimeType(std::string_view filename);

}  // namespace moderno::http
