#pragma once
// The catalog's staff routes (manager and up): products, categories, brands, warehouses and
// stock. Every write is one transaction with its audit record, and drops the public catalog
// cache when it commits.
#include "catalog/service.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"

namespace moderno::catalog {

// What the admin routes need; both must outlive the router.
struct AdminDeps {
  db::Database& db;
  Service& service;  // for Invalidate() after each write
};

// Registers the admin routes under /api/v1. `deps` is copied (it holds references only).
void RegisterAdminRoutes(http::Router& router, const AdminDeps& deps);

}  // namespace moderno::catalog
