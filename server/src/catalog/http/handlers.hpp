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

// Each operation and the key its answer is cached under; the route's probe serves cache hits
// on the I/O thread with the same key.
http::Response ListProducts(http::Request& req, const HttpDeps& d);
std::string ListProductsKey(const http::Request& req);
http::Response GetProduct(http::Request& req, const HttpDeps& d);
std::string GetProductKey(const http::Request& req);
http::Response ListCategories(http::Request& req, const HttpDeps& d);
std::string ListCategoriesKey(const http::Request& req);
http::Response GetCategory(http::Request& req, const HttpDeps& d);
std::string GetCategoryKey(const http::Request& req);
http::Response ListBrands(http::Request& req, const HttpDeps& d);
std::string ListBrandsKey(const http::Request& req);

// Registers the public catalog routes under /api/v1.
void RegisterRoutes(http::Router& router, const HttpDeps& deps);

}  // namespace moderno::catalog
