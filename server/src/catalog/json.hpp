#pragma once
// JSON shapes of the catalog API (seed section 5.4). Published: search answers show products
// in the same shapes.
#include <boost/json/value.hpp>

#include "catalog/model.hpp"
#include "catalog/service.hpp"

namespace moderno::catalog {

boost::json::object ToJson(const ProductSummary& p);
boost::json::object ToJson(const ProductDetail& d);
boost::json::object ToJson(const ProductPage& page, const ProductQuery& q);
boost::json::object CategoryToJson(const CategoryTree& tree, const Category& c, bool with_children);
boost::json::object ToJson(const Brand& b);

}  // namespace moderno::catalog
