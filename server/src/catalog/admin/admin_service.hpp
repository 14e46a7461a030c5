#pragma once
// The catalog's staff use cases. Each write runs in one transaction (db.Write) that also
// writes its audit record, and registers Service::Invalidate to run after the commit, so the
// next public read sees the change.
#include <cstdint>
#include <vector>

#include "catalog/admin/admin_model.hpp"
#include "catalog/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::catalog {

class AdminService {
 public:
  AdminService(db::Database& db, Service& catalog) : db_(db), catalog_(catalog) {}

  // 422 naming each invalid field (sku and slug "taken" included); the created product.
  Result<StaffProduct> CreateProduct(const ProductInput& in, audit::AuditEntry who);
  // Changes only the fields present; 404 for unknown or deleted products.
  Result<StaffProduct> UpdateProduct(std::int64_t id, const ProductInput& in,
                                     audit::AuditEntry who);
  // Soft delete: inactive and deleted_at set; 404 when unknown or already deleted.
  Result<void> DeleteProduct(std::int64_t id, audit::AuditEntry who);
  // One page of the staff product table and the total: 2 queries (count, page).
  Result<StaffProductPage> ListProducts(const StaffProductQuery& q);
  // The edit form's product, inactive or deleted too, with its stock per warehouse; 404 when
  // unknown.
  Result<StaffProductDetail> GetProduct(std::int64_t id);

  Result<CategoryRecord> CreateCategory(const CategoryInput& in, audit::AuditEntry who);
  // 422 on parent_id when the category would become its own ancestor.
  Result<CategoryRecord> UpdateCategory(std::int64_t id, const CategoryInput& in,
                                        audit::AuditEntry who);
  // 409 while products (even deleted ones) or subcategories point at it.
  Result<void> DeleteCategory(std::int64_t id, audit::AuditEntry who);

  Result<BrandRecord> CreateBrand(const BrandInput& in, audit::AuditEntry who);
  // A new name is written into the search text of the brand's products.
  Result<BrandRecord> UpdateBrand(std::int64_t id, const BrandInput& in, audit::AuditEntry who);
  // 409 while products (even deleted ones) point at it.
  Result<void> DeleteBrand(std::int64_t id, audit::AuditEntry who);

  // Every warehouse, active or not, by priority.
  Result<std::vector<Warehouse>> ListWarehouses();
  Result<Warehouse> CreateWarehouse(const WarehouseInput& in, audit::AuditEntry who);
  Result<Warehouse> UpdateWarehouse(std::int64_t id, const WarehouseInput& in,
                                    audit::AuditEntry who);

 private:
  db::Database& db_;
  Service& catalog_;
};

}  // namespace moderno::catalog
