// Products as staff read them: the searchable, sortable table (deleted products included on
// request) and the edit form's product with its stock per warehouse.
#include "catalog/admin/admin_queries.hpp"
#include "catalog/admin/admin_service.hpp"
#include "catalog/admin/admin_support.hpp"
#include "catalog/errors.hpp"
#include "platform/time/time.hpp"

namespace moderno::catalog {
namespace sqla = admin_sql;
namespace {

std::string_view StatusFilter(ProductStatus status) {
  switch (status) {
    case ProductStatus::kNotDeleted: return sqla::kStatusNotDeleted;
    case ProductStatus::kActive: return sqla::kStatusActive;
    case ProductStatus::kInactive: return sqla::kStatusInactive;
    case ProductStatus::kDeleted: return sqla::kStatusDeleted;
    case ProductStatus::kAll: return "";
  }
  return sqla::kStatusNotDeleted;
}

std::string SortColumn(StaffSortKey key) {
  switch (key) {
    case StaffSortKey::kName: return "p.name";
    case StaffSortKey::kPrice: return "p.price";
    case StaffSortKey::kStock: return std::string(sqla::kAvailableOfProduct);
    case StaffSortKey::kUpdatedAt: return "p.updated_at";
    case StaffSortKey::kCreatedAt: return "p.created_at";
  }
  return "p.created_at";
}

// The same text inside the derived table and outside it: both read alias p.
std::string OrderBy(const StaffProductQuery& q) {
  const char* dir = q.descending ? " DESC" : " ASC";
  return " ORDER BY " + SortColumn(q.sort) + dir + ", p.id" + dir;
}

// "%text%" in lower case, with the LIKE wildcards (and the escape character) escaped by '!'.
std::string ContainsPattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out + "%";
}

std::optional<NameRef> Ref(const db::Row& r, std::size_t id, std::size_t name) {
  if (r.IsNull(id)) return std::nullopt;
  return NameRef{r.Int(id), r.Str(name)};
}

// The order of admin_sql::kStaffRowColumns.
StaffProductRow ReadStaffRow(const db::Row& r) {
  StaffProductRow row;
  row.id = r.Int(0);
  row.sku = r.Str(1);
  row.name = r.Str(2);
  row.slug = r.Str(3);
  row.price = r.Int(4);
  row.compare_price = r.OptInt(5);
  row.currency = r.Str(6);
  row.is_active = r.Bool(7);
  row.is_featured = r.Bool(8);
  if (!r.IsNull(9)) row.deleted_at = time::IsoFromSql(r.Str(9));
  row.category = Ref(r, 10, 11);
  row.brand = Ref(r, 12, 13);
  row.stock = r.Int(14);
  row.variants_count = r.Int(15);
  row.image = r.OptStr(16);
  row.updated_at = time::IsoFromSql(r.Str(17));
  row.created_at = time::IsoFromSql(r.Str(18));
  return row;
}

}  // namespace

Result<StaffProductPage> AdminService::ListProducts(const StaffProductQuery& q) {
  std::string where = " WHERE 1 = 1" + std::string(StatusFilter(q.status));
  std::vector<db::Value> params;
  if (!q.text.empty()) {
    where += sqla::kNameOrSkuLike;
    const std::string pattern = ContainsPattern(q.text);
    params.emplace_back(pattern);
    params.emplace_back(pattern);
  }
  if (q.category_id) {
    where += sqla::kInCategory;
    params.emplace_back(*q.category_id);
  }
  if (q.brand_id) {
    where += sqla::kOfBrand;
    params.emplace_back(*q.brand_id);
  }
  return db_.Read([&](db::UnitOfWork& uow) -> Result<StaffProductPage> {
    StaffProductPage page;
    page.total = uow.QueryOne(std::string(sqla::kStaffCount) + where, params)->Int(0);
    const std::int64_t offset = static_cast<std::int64_t>(q.page - 1) * q.limit;
    if (offset >= page.total) return page;
    const std::string order = OrderBy(q);
    const std::string select = std::string(sqla::kStaffRowColumns) +
                               std::string(sqla::kStaffPageIdsFrom) + where + order +
                               " LIMIT ? OFFSET ?" + std::string(sqla::kStaffPageJoin) + order;
    std::vector<db::Value> page_params = params;
    page_params.emplace_back(std::int64_t{q.limit});
    page_params.emplace_back(offset);
    for (const db::Row& r : uow.Query(select, page_params)) page.items.push_back(ReadStaffRow(r));
    return page;
  });
}

Result<StaffProductDetail> AdminService::GetProduct(std::int64_t id) {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<StaffProductDetail> {
    auto product = LoadStaffProduct(uow, id, true);
    if (!product) return ProductNotFound(std::to_string(id));
    StaffProductDetail out{std::move(*product), {}};
    for (const db::Row& r : uow.Query(sqla::kStockLevelsOf, {id})) {
      out.stock_levels.push_back(
          {r.Int(0), r.Str(1), r.Str(2), r.OptInt(3), r.Str(4), r.Int(5), r.Int(6)});
    }
    return out;
  });
}

}  // namespace moderno::catalog
