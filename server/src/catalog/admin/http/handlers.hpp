#pragma once
// The catalog's staff operations, one per file, and what they share.
#include <string>

#include "catalog/admin/admin_service.hpp"
#include "catalog/admin/admin_support.hpp"
#include "catalog/admin/routes.hpp"
#include "platform/http/message.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::catalog::admin_http {

http::Response ListProducts(http::Request& req, const AdminDeps& d);
http::Response GetProduct(http::Request& req, const AdminDeps& d);
http::Response CreateProduct(http::Request& req, const AdminDeps& d);
http::Response UpdateProduct(http::Request& req, const AdminDeps& d);
http::Response DeleteProduct(http::Request& req, const AdminDeps& d);
http::Response CreateCategory(http::Request& req, const AdminDeps& d);
http::Response UpdateCategory(http::Request& req, const AdminDeps& d);
http::Response DeleteCategory(http::Request& req, const AdminDeps& d);
http::Response CreateBrand(http::Request& req, const AdminDeps& d);
http::Response UpdateBrand(http::Request& req, const AdminDeps& d);
http::Response DeleteBrand(http::Request& req, const AdminDeps& d);
http::Response ListWarehouses(http::Request& req, const AdminDeps& d);
http::Response CreateWarehouse(http::Request& req, const AdminDeps& d);
http::Response UpdateWarehouse(http::Request& req, const AdminDeps& d);

// The service for one request.
inline AdminService Admin(const AdminDeps& d) { return AdminService(d.db, d.service); }

inline http::Response NotFound(const http::Request& req, const std::string& what) {
  return http::Problem(Errc::kNotFound,
                       "No " + what + " with id '" + std::string(req.Param("id")) + "'.", req);
}

}  // namespace moderno::catalog::admin_http
