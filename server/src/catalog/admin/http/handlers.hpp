#pragma once
// The catalog's staff operations, one per file, and what they share.
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <optional>
#include <string>

#include "catalog/admin/admin_service.hpp"
#include "catalog/admin/admin_support.hpp"
#include "catalog/admin/routes.hpp"
#include "platform/http/message.hpp"
#include "platform/http/problem.hpp"

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

// The numeric {id} of the path, or nullopt (answered as 404: no such resource).
inline std::optional<std::int64_t> PathId(const http::Request& req) {
  return ParseId(req.Param("id"));
}

inline http::Response NotFound(const http::Request& req, const std::string& what) {
  return http::Problem(Errc::kNotFound,
                       "No " + what + " with id '" + std::string(req.Param("id")) + "'.", req);
}

inline http::Response Json(int status, const boost::json::object& body) {
  return http::JsonResponse(status, boost::json::serialize(body));
}

inline http::Response NoContent() {
  http::Response r;
  r.status = 204;
  return r;
}

}  // namespace moderno::catalog::admin_http
