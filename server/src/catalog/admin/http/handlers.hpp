#pragma once
// The catalog's staff operations, one per file, and what they share.
#include <string>

#include "catalog/admin/admin_service.hpp"
#include "catalog/admin/admin_support.hpp"
#include "catalog/http/handlers.hpp"
#include "platform/http/message.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::catalog::admin_http {

http::Response ListProducts(http::Request& req, HttpDeps& d);
http::Response GetProduct(http::Request& req, HttpDeps& d);
http::Response CreateProduct(http::Request& req, HttpDeps& d);
http::Response UpdateProduct(http::Request& req, HttpDeps& d);
http::Response DeleteProduct(http::Request& req, HttpDeps& d);
http::Response CreateCategory(http::Request& req, HttpDeps& d);
http::Response UpdateCategory(http::Request& req, HttpDeps& d);
http::Response DeleteCategory(http::Request& req, HttpDeps& d);
http::Response CreateBrand(http::Request& req, HttpDeps& d);
http::Response UpdateBrand(http::Request& req, HttpDeps& d);
http::Response DeleteBrand(http::Request& req, HttpDeps& d);
http::Response ListWarehouses(http::Request& req, HttpDeps& d);
http::Response CreateWarehouse(http::Request& req, HttpDeps& d);
http::Response UpdateWarehouse(http::Request& req, HttpDeps& d);


inline http::Response NotFound(const http::Request& req, const std::string& what) {
  return http::Problem(Errc::kNotFound,
                       "No " + what + " with id '" + std::string(req.Param("id")) + "'.", req);
}

}  // namespace moderno::catalog::admin_http
