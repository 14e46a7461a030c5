#pragma once
// Serves a rendered JSON body from the cache, or renders, stores and serves it; marks the
// response with X-Cache: hit|miss, or stale for an entry served while it is rendered again
// (Cache::Refresh). Both are public reads: ETag, Cache-Control and 304 (conditional.hpp).
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "platform/cache/cache.hpp"
#include "platform/error.hpp"
#include "platform/http/message.hpp"

namespace moderno::http {

// Turns a stored value into the body served (search fills in live stock); without one the
// stored value is the body.
using Finish = std::function<std::string(std::string_view stored)>;

Response CachedJson(cache::Cache& cache, const std::string& ns, const std::string& key,
                    std::chrono::seconds ttl, const Request& req,
                    const std::function<Result<std::string>()>& render, const Finish& finish = {});

// A cache hit as a response (X-Cache: hit), or nullopt; never blocks on a load in progress.
std::optional<Response> CachedHit(cache::Cache& cache, const std::string& ns, const std::string& key,
                                  const Request& req, const Finish& finish = {});

// A canonical cache key for a route and its query parameters (sorted, so order is irrelevant).
std::string CacheKey(std::string_view route, const Request& req);

}  // namespace moderno::http
