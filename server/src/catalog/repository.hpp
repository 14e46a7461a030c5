#pragma once
// Reads of the catalog. Every function runs a bounded number of queries.
#include <optional>
#include <string>

#include "catalog/model.hpp"
#include "platform/db/db.hpp"
#include "platform/time/time.hpp"

namespace moderno::catalog {

// " ORDER BY ..." of a sort, ties broken by id (the read model loads its orders with it, so
// both follow the database's own collation).
std::string_view OrderBy(Sort sort);

class Repository {
 public:
  // Every active category with product counts (own and with descendants): 2 queries.
  CategoryTree LoadCategoryTree(db::UnitOfWork& uow) const;
  // Active brands with product counts: 1 query.
  std::vector<Brand> ListBrands(db::UnitOfWork& uow) const;
  // The id of an active brand by id, slug or exact name.
  std::optional<std::int64_t> FindBrandId(db::UnitOfWork& uow, const std::string& key) const;
  // One page of products and the total: 3 queries (count, page, images of the page).
  ProductPage ListProducts(db::UnitOfWork& uow, const ProductQuery& q) const;
  // The visible products with these ids, in the same order (others are left out): 2 queries.
  std::vector<ProductSummary> SummariesByIds(db::UnitOfWork& uow,
                                             const std::vector<std::int64_t>& ids) const;
  // A product by id or slug with images and variants: 3 queries.
  std::optional<ProductDetail> FindProduct(db::UnitOfWork& uow, const std::string& id_or_slug) const;
  // The detail from a row that starts with sql::kSummaryColumns and sql::kDetailColumns, with
  // its images and variants (2 queries). Breadcrumbs are left to the caller.
  ProductDetail ReadDetail(db::UnitOfWork& uow, const db::Row& row) const;
};

}  // namespace moderno::catalog
