#pragma once
// Product image routes (manager and up): POST /api/v1/admin/products/{id}/images (multipart
// field "file", optional "alt"), PUT .../images/order ({"ids": [...]}), DELETE
// .../images/{image_id}; and the public GET /media/products/{product}/{file} with a year-long
// immutable cache (file names are random and never reused).
#include <filesystem>

#include "catalog/service.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/jobs.hpp"

namespace moderno::catalog::images {

struct ImagesDeps {
  db::Database& db;
  Service& service;
  jobs::Queue& jobs;
  std::filesystem::path media_dir;  // <data-dir>/media
};

// Registers the routes and the image.variants job handler (before the queue starts).
void RegisterImageRoutes(http::Router& router, const ImagesDeps& deps);

}  // namespace moderno::catalog::images
