#pragma once
// Registers the catalog's routes: the public reads here, and the staff products, categories,
// brands and warehouses (admin/), images (images/) and CSV import/export (io/), each with the
// catalog's one HttpDeps.
#include "catalog/http/handlers.hpp"
#include "platform/http/router.hpp"

namespace moderno::catalog {

// Every catalog route (and the image and import job handlers, before the queue starts).
void RegisterRoutes(http::Router& router, HttpDeps& deps);
// The staff product, category, brand and warehouse routes (manager and up).
void RegisterAdminRoutes(http::Router& router, HttpDeps& deps);

namespace images {
// The image routes and the image.variants job handler.
void RegisterImageRoutes(http::Router& router, HttpDeps& deps);
}  // namespace images

namespace io {
// Largest import body (a CSV or a multipart upload of one).
inline constexpr std::size_t kImportMaxBytes = 50u << 20;
// Imports with more data rows than this answer 202 and run as a job of kind kImportJob.
inline constexpr std::size_t kSyncImportRows = 2000;
inline constexpr const char* kImportJob = "catalog.import";
// GET /admin/products/export.csv (manager and up), POST /admin/products/import?dry_run= (admin
// and up), and the import job handler.
void RegisterIoRoutes(http::Router& router, HttpDeps& deps);
}  // namespace io

}  // namespace moderno::catalog
