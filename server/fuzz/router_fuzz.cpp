// Route matching: a request line ("METHOD target") through http::ParseTarget and
// Router::Find against the shop's route patterns (a copy of the table the domains register),
// then Pipeline::BodyLimit, which does both on the raw target. Line 2 onwards, when present,
// is registered as one more pattern, so patterns themselves are fuzzed too.
#include <algorithm>

#include "fuzz_input.hpp"
#include "platform/http/pipeline.hpp"
#include "platform/http/router.hpp"

using namespace moderno;

namespace {

constexpr std::pair<const char*, const char*> kRoutes[] = {
    {"GET", "/health"}, {"GET", "/health/detailed"},
    {"GET", "/media/products/{product}/{file}"},
    {"GET", "/api/v1/products"}, {"POST", "/api/v1/products"}, {"DELETE", "/api/v1/products"},
    {"GET", "/api/v1/products/{id}"}, {"PUT", "/api/v1/products/{id}"},
    {"DELETE", "/api/v1/products/{id}"}, {"GET", "/api/v1/products/{id}/reviews"},
    {"POST", "/api/v1/products/{id}/reviews"}, {"GET", "/api/v1/search/products"},
    {"GET", "/api/v1/search/suggestions"}, {"POST", "/api/v1/brands"},
    {"PUT", "/api/v1/brands/{id}"}, {"DELETE", "/api/v1/brands/{id}"},
    {"POST", "/api/v1/categories"}, {"PUT", "/api/v1/categories/{id}"},
    {"GET", "/api/v1/warehouses"}, {"POST", "/api/v1/warehouses"}, {"PUT", "/api/v1/warehouses/{id}"},
    {"PUT", "/api/v1/inventory/{sku}/{warehouse}"}, {"POST", "/api/v1/inventory/adjust"},
    {"GET", "/api/v1/cart"}, {"DELETE", "/api/v1/cart"}, {"POST", "/api/v1/cart/items"},
    {"PUT", "/api/v1/cart/items/{id}"}, {"DELETE", "/api/v1/cart/items/{id}"},
    {"POST", "/api/v1/cart/coupon"}, {"DELETE", "/api/v1/cart/coupon"},
    {"POST", "/api/v1/orders"}, {"POST", "/api/v1/orders/{id}/cancel"},
    {"PUT", "/api/v1/orders/{id}/status"}, {"POST", "/api/v1/auth/login"},
    {"POST", "/api/v1/auth/register"}, {"POST", "/api/v1/auth/refresh"},
    {"GET", "/api/v1/me"}, {"PUT", "/api/v1/me"}, {"DELETE", "/api/v1/me"},
    {"GET", "/api/v1/me/addresses"}, {"GET", "/api/v1/me/addresses/{id}"},
    {"PUT", "/api/v1/me/password"}, {"GET", "/api/v1/payment-methods"},
    {"POST", "/api/v1/payments/webhooks/stripe"}, {"GET", "/api/v1/shipping-methods"},
    {"GET", "/api/v1/admin/products"}, {"GET", "/api/v1/admin/products/export.csv"},
    {"POST", "/api/v1/admin/products/import"}, {"POST", "/api/v1/admin/products/{id}/images"},
    {"PUT", "/api/v1/admin/products/{id}/images/order"},
    {"DELETE", "/api/v1/admin/products/{id}/images/{image_id}"},
    {"GET", "/api/v1/admin/reports/"}, {"GET", "/api/v1/admin/reports/files/{name}"},
    {"GET", "/api/v1/admin/reviews"}, {"PATCH", "/api/v1/admin/reviews/{id}"},
    {"GET", "/api/v1/admin/users/{id}"}, {"PATCH", "/api/v1/admin/users/{id}"},
    {"POST", "/api/v1/admin/jobs/{id}/retry"}, {"POST", "/api/v1/admin/orders/{id}/refund"},
};

http::Router Table() {
  http::Router router;
  for (const auto& [method, pattern] : kRoutes) {
    http::RouteOptions options;
    if (std::string_view(pattern).ends_with("/import")) options.max_body_bytes = 20 << 20;
    router.Add(method, pattern, [](http::Request&) { return http::Response{}; }, options);
  }
  return router;
}

void CheckMatch(const http::Router& router, std::string_view method, std::string_view path) {
  const http::Match m = router.Find(method, path);
  if (!m.route) return;
  // The route found has the method asked for (HEAD is served by GET) and names each of its
  // parameters once.
  const std::string_view want = method == "HEAD" ? std::string_view("GET") : method;
  if (m.route->method != want) moderno::fuzz::Violated();
  for (const auto& [name, value] : m.params) {
    if (name.empty() || value.empty() || value.find('/') != std::string::npos) moderno::fuzz::Violated();
  }
  if (std::ranges::find(m.allowed, m.route->method) != m.allowed.end()) moderno::fuzz::Violated();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const http::Router shop = Table();
  static const http::Pipeline pipeline(shop, nullptr, nullptr, {});
  std::string_view rest = fuzz::Text(data, size);
  std::string_view line = fuzz::TakeLine(rest);
  const std::size_t space = line.find(' ');
  const std::string_view method = line.substr(0, space);
  const std::string_view target = space == std::string_view::npos ? "" : line.substr(space + 1);

  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  if (http::ParseTarget(target, path, query)) {
    CheckMatch(shop, method, path);
    if (!rest.empty()) {
      http::Router extra = Table();
      extra.Add(std::string(method), std::string(fuzz::TakeLine(rest)),
                [](http::Request&) { return http::Response{}; });
      CheckMatch(extra, method, path);
      (void)extra.MaxBodyLimit(1 << 20);
    }
  }
  const std::size_t limit = pipeline.BodyLimit(method, target, 1 << 20);
  if (limit != (1u << 20) && limit != (20u << 20)) moderno::fuzz::Violated();
  return 0;
}
