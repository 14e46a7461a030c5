#include <boost/json.hpp>

#include "inventory/http/handlers.hpp"
#include "platform/http/pagination.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::inventory {

// GET /api/v1/admin/inventory?page&limit&q&warehouse&low_stock: stock per SKU and warehouse.
http::Response ListStock(http::Request& req, HttpDeps& d) {
  std::vector<FieldError> errors;
  const http::PageRequest page = http::ReadPage(req.query, errors);
  StockFilter f;
  f.page = page.page;
  f.limit = page.limit;
  if (auto q = req.Query("q"); q && !q->empty()) {
    if (q->size() > 100) errors.push_back({"q", "too_long", "at most 100 characters"});
    f.q = std::string(*q);
  }
  if (auto w = req.Query("warehouse"); w && !w->empty()) {
    if (w->size() > 50) errors.push_back({"warehouse", "too_long", "at most 50 characters"});
    f.warehouse = std::string(*w);
  }
  if (auto low = req.Query("low_stock"); low && !low->empty()) {
    if (*low != "true" && *low != "false") {
      errors.push_back({"low_stock", "invalid", "low_stock must be true or false"});
    }
    f.low_stock = *low == "true";
  }
  if (!errors.empty()) return http::Problem(Invalid(std::move(errors)).error(), req);
  auto result = d.inventory.List(f);
  if (!result) return http::Problem(result.error(), req);
  boost::json::array data;
  for (const StockRow& r : result->rows) data.push_back(ToJson(r));
  return http::PrivateJson(200, http::PageJson(std::move(data), f.page, f.limit, result->total));
}

}  // namespace moderno::inventory
