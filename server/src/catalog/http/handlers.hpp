#pragma once
// The catalog's HTTP operations, one per file, and their registration.
#include <chrono>

#include "catalog/service.hpp"
#include "platform/cache/cache.hpp"
#include "platform/http/message.hpp"
#include "platform/http/router.hpp"

namespace moderno::catalog {

// What the catalog handlers need.
struct HttpDeps {
  Service& service;
  cache::Cache& cache;
  std::chrono::seconds ttl;
};

http::Response ListProducts(http::Request& req, const HttpDeps& d);
http::Response GetProduct(http::Request& req, const HttpDeps& d);
http::Response ListCategories(http::Request& req, const HttpDeps& d);
http::Response GetCategory(http::Request& req, const HttpDeps& d);
http::Response ListBrands(http::Request& req, const HttpDeps& d);

// Registers the public catalog routes under /api/v1.
void RegisterRoutes(http::Router& router, const HttpDeps& deps);

}  // namespace moderno::catalog
