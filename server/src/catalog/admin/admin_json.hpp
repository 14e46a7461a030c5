#pragma once
// JSON of the catalog's staff routes: request bodies (and the product table's query) read into
// inputs (422 naming each bad field, unknown body fields included, so a typo is not silently
// ignored) and the answers.
#include <boost/json/object.hpp>
#include <string>
#include <utility>
#include <vector>

#include "catalog/admin/admin_model.hpp"
#include "platform/error.hpp"

namespace moderno::catalog {

// `create`: fields required on create must be present; on update every field is optional
// but may not be null unless the column is nullable.
Result<ProductInput> ParseProductInput(const boost::json::object& body, bool create);
Result<CategoryInput> ParseCategoryInput(const boost::json::object& body, bool create);
Result<BrandInput> ParseBrandInput(const boost::json::object& body, bool create);
Result<WarehouseInput> ParseWarehouseInput(const boost::json::object& body, bool create);
// The query of GET /admin/products (q, status, category_id, brand_id, sort, page, limit);
// 422 naming each bad parameter.
Result<StaffProductQuery> ParseStaffProductQuery(
    const std::vector<std::pair<std::string, std::string>>& params);

// The public product detail (catalog::ToJson) plus is_active, cost_price and deleted_at.
boost::json::object ToJson(const StaffProduct& p);
// The staff product plus stock_levels [{warehouse_id, warehouse_code, warehouse_name,
// variant_id, sku, quantity, reserved, available}].
boost::json::object ToJson(const StaffProductDetail& d);
// {items, total, page, limit, pages}.
boost::json::object ToJson(const StaffProductPage& page, const StaffProductQuery& q);
boost::json::object ToJson(const CategoryRecord& c);
boost::json::object ToJson(const BrandRecord& b);
boost::json::object ToJson(const Warehouse& w);

}  // namespace moderno::catalog
