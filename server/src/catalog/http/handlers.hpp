#pragma once
// The catalog's public HTTP operations, one per file, and what every catalog handler is given.
#include <chrono>
#include <filesystem>

#include "catalog/admin/admin_service.hpp"
#include "catalog/images/image_service.hpp"
#include "catalog/io/catalog_io.hpp"
#include "catalog/service.hpp"
#include "platform/db/db.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/cache/cache.hpp"
#include "platform/http/message.hpp"

namespace moderno::catalog {

// What every catalog handler is given: public reads, staff writes, images and the CSV import
// and export. The app builds the services once; all must outlive the router.
struct HttpDeps {
  Service& service;
  AdminService& admin;
  images::ImageService& images;
  io::CatalogIo& io;
  db::Database& db;
  jobs::Queue& jobs;
  cache::Cache& cache;
  std::chrono::seconds ttl;
  std::filesystem::path upload_dir;  // where queued imports wait for their job
};

// Each operation and the key its answer is cached under; the route's probe serves cache hits
// on the I/O thread with the same key.
http::Response ListProducts(http::Request& req, HttpDeps& d);
std::string ListProductsKey(const http::Request& req);
http::Response GetProduct(http::Request& req, HttpDeps& d);
std::string GetProductKey(const http::Request& req);
http::Response ListCategories(http::Request& req, HttpDeps& d);
std::string ListCategoriesKey(const http::Request& req);
http::Response GetCategory(http::Request& req, HttpDeps& d);
std::string GetCategoryKey(const http::Request& req);
http::Response ListBrands(http::Request& req, HttpDeps& d);
std::string ListBrandsKey(const http::Request& req);


}  // namespace moderno::catalog
