#pragma once
// JSON of the catalog's staff routes: request bodies read into inputs (422 naming each bad
// field, unknown fields included, so a typo is not silently ignored) and the answers.
#include <boost/json/object.hpp>

#include "catalog/admin/admin_model.hpp"
#include "platform/error.hpp"

namespace moderno::catalog {

// `create`: fields required on create must be present; on update every field is optional
// but may not be null unless the column is nullable.
Result<ProductInput> ParseProductInput(const boost::json::object& body, bool create);
Result<CategoryInput> ParseCategoryInput(const boost::json::object& body, bool create);
Result<BrandInput> ParseBrandInput(const boost::json::object& body, bool create);
Result<WarehouseInput> ParseWarehouseInput(const boost::json::object& body, bool create);
// {quantity, reorder_point?, reorder_quantity?, reason?}; sku and warehouse come from the path.
Result<InventorySet> ParseInventorySet(const boost::json::object& body);
// {sku, warehouse, delta, reason}
Result<InventoryAdjust> ParseInventoryAdjust(const boost::json::object& body);

// The public product detail (catalog::ToJson) plus is_active and cost_price.
boost::json::object ToJson(const StaffProduct& p);
boost::json::object ToJson(const CategoryRecord& c);
boost::json::object ToJson(const BrandRecord& b);
boost::json::object ToJson(const Warehouse& w);
boost::json::object ToJson(const StockChange& c);

}  // namespace moderno::catalog
