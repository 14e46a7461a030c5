#pragma once
// Serves a rendered JSON body from the cache, or renders, stores and serves it; marks the
// response with X-Cache: hit|miss.
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "platform/cache/cache.hpp"
#include "platform/error.hpp"
#include "platform/http/message.hpp"

namespace moderno::http {

Response CachedJson(cache::Cache& cache, const std::string& ns, const std::string& key,
                    std::chrono::seconds ttl, const Request& req,
                    const std::function<Result<std::string>()>& render);

// A cache hit as a response (X-Cache: hit), or nullopt; never blocks on a load in progress.
std::optional<Response> CachedHit(cache::Cache& cache, const std::string& ns, const std::string& key);

// A canonical cache key for a route and its query parameters (sorted, so order is irrelevant).
std::string CacheKey(std::string_view route, const Request& req);

}  // namespace moderno::http
