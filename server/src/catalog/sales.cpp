#include "catalog/sales.hpp"

#include "platform/search_log/search_log.hpp"

namespace moderno::catalog {

void RecordSold(db::UnitOfWork& uow, const std::vector<std::pair<std::int64_t, std::int64_t>>& units) {
  std::vector<std::int64_t> products;
  for (const auto& [product_id, n] : units) {
    uow.Exec("UPDATE products SET sales_count = sales_count + ? WHERE id = ?", {n, product_id});
    products.push_back(product_id);
  }
  search_log::Record(uow, search_log::kStock, products);
}

}  // namespace moderno::catalog
