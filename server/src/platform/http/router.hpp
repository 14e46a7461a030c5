#pragma once
// Maps method + path pattern ("/api/v1/products/{id}") to a handler.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/message.hpp"

namespace moderno::http {

// A pure function from request to response.
using Handler = std::function<Response(Request&)>;

// A non-blocking look-up that may answer a request on the I/O thread (a cache hit), before
// the handler is queued for a worker. It must never touch the database or the disk.
using Probe = std::function<std::optional<Response>(Request&)>;

// Where a handler runs: on the worker pool (may touch the database or disk) or inline on the
// I/O thread (cheap, never blocks).
enum class Runs { kOnWorker, kInline };

// How a route runs, who may call it and which rate limit applies.
struct RouteOptions {
  Runs runs = Runs::kOnWorker;
  Access access = Public();
  std::string rate_class = "general";  // "general", "auth", "search", "admin", "none"
  // Largest request body this route takes (uploads); 0: the server's body_limit. Bodies over
  // it are refused with 413 before they are read.
  std::size_t max_body_bytes = 0;
};

// One registered route.
struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  RouteOptions options;
  Probe probe;                        // optional fast path, public routes only
  std::vector<std::string> segments;  // the pattern split on '/'
};

// What matching a request found.
struct Match {
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<std::string> allowed;  // methods of routes whose pattern matched (for 405)
};

// The route table; built at startup, then only read.
class Router {
 public:
  // Registers a route; patterns use {name} for one path segment.
  void Add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});
  // Registers a worker route whose cached answers are served by `probe` on the I/O thread,
  // counted against the route's rate class (public routes only).
  void AddCached(std::string method, std::string pattern, Probe probe, Handler handler, RouteOptions options = {});
  // Finds the route for a method and decoded path. HEAD matches GET routes.
  Match Find(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }
  // The body limit of the route a request goes to: its max_body_bytes, else `fallback`.
  std::size_t BodyLimit(std::string_view method, std::string_view path, std::size_t fallback) const;
  // The largest body any route takes (at least `fallback`), the parser's limit until the
  // request line is known.
  std::size_t MaxBodyLimit(std::size_t fallback) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace moderno::http
