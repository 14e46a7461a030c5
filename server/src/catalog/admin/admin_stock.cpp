// Warehouses and stock levels: list, create and update warehouses; set and adjust inventory.
#include <boost/json.hpp>

#include "catalog/admin/admin_queries.hpp"
#include "catalog/admin/admin_service.hpp"
#include "catalog/admin/admin_support.hpp"
#include "platform/search_log/search_log.hpp"
#include "platform/time/time.hpp"

namespace moderno::catalog {
namespace json = boost::json;
namespace sqla = admin_sql;
namespace {

// The largest quantity one inventory row may hold (the column is a 32-bit INT on MySQL).
constexpr std::int64_t kMaxQuantity = 1'000'000'000;
constexpr std::string_view kSetReason = "set";

template <class T>
void Take(T& target, const std::optional<T>& input) {
  if (input) target = *input;
}

Warehouse ReadWarehouse(const db::Row& r) {
  return {r.Int(0), r.Str(1), r.Str(2), r.Str(3), r.Str(4), r.Int(5), r.Bool(6), time::IsoFromSql(r.Str(7))};
}

std::optional<Warehouse> FindWarehouse(db::UnitOfWork& uow, std::int64_t id) {
  auto row = uow.QueryOne(
      std::string(sqla::kWarehouseColumns) + std::string(sqla::kWarehouseWhereId), {id});
  if (!row) return std::nullopt;
  return ReadWarehouse(*row);
}

std::vector<db::Value> WarehouseParams(const Warehouse& w) {
  return {w.code, w.name, w.city, w.region, w.priority, std::int64_t{w.is_active}};
}

// What an inventory SKU names: a product without variants, or a variant.
struct StockItem {
  std::int64_t product_id = 0;
  std::optional<std::int64_t> variant_id;
};

// The item for a SKU, kNotFound when no product or variant has it, or a 422 on `field` when
// it is a product with variants (stock is kept per variant).
Result<StockItem> FindStockItem(db::UnitOfWork& uow, const std::string& sku,
                                std::string_view field) {
  if (auto p = uow.QueryOne(sqla::kProductBySku, {sku})) {
    if (p->Int(1) > 0) {
      return Invalid({{std::string(field), "has_variants",
                       "product " + sku + " has variants; its stock is kept per variant SKU"}});
    }
    return StockItem{p->Int(0), std::nullopt};
  }
  if (auto v = uow.QueryOne(sqla::kVariantBySku, {sku})) return StockItem{v->Int(1), v->Int(0)};
  return Fail(Errc::kNotFound, "No product or variant with SKU '" + sku + "'.");
}

struct InventoryRow {
  std::int64_t id = 0;
  std::int64_t quantity = 0;
  std::int64_t reserved = 0;
  std::int64_t reorder_point = 0;
  std::int64_t reorder_quantity = 0;
};

InventoryRow ReadInventory(const db::Row& r) {
  return {r.Int(0), r.Int(1), r.Int(2), r.Int(3), r.Int(4)};
}

// The inventory row of an item in a warehouse, locked for this transaction; created empty
// when missing. A concurrent creation of the same row surfaces as a unique violation, which
// is retried as a lock conflict: the retry finds the row.
InventoryRow LockInventory(db::UnitOfWork& uow, const StockItem& item, std::int64_t warehouse_id) {
  const std::vector<db::Value> key{item.product_id, item.variant_id.value_or(0), warehouse_id};
  uow.Exec(sqla::kLockInventory, key);
  if (auto row = uow.QueryOne(sqla::kInventoryByKey, key)) return ReadInventory(*row);
  try {
    uow.Exec(sqla::kInsertInventory, {item.product_id, db::Opt(item.variant_id),
                                      item.variant_id.value_or(0), warehouse_id, std::int64_t{0}});
  } catch (const db::DbError& e) {
    if (e.code() == Errc::kAlreadyExists) throw db::DbError(Errc::kAborted, e.what());
    throw;
  }
  return ReadInventory(*uow.QueryOne(sqla::kInventoryByKey, key));
}

std::int64_t WriteLedger(db::UnitOfWork& uow, const InventoryRow& row, const StockItem& item,
                         std::int64_t warehouse_id, std::int64_t delta, std::int64_t quantity_after,
                         const std::string& reason, const audit::AuditEntry& who) {
  return uow
      .Exec(sqla::kInsertAdjustment,
            {row.id, item.product_id, db::Opt(item.variant_id), warehouse_id, delta, quantity_after,
             reason, db::Opt(who.actor_user_id)})
      .last_insert_id;
}

InventoryLevel Level(const InventoryRow& row, const StockItem& item, const std::string& sku,
                     const std::string& warehouse_code) {
  return {row.id,       sku,          item.product_id,   item.variant_id,     warehouse_code,
          row.quantity, row.reserved, row.reorder_point, row.reorder_quantity};
}

std::unexpected<Error> BelowReserved(std::int64_t reserved) {
  Error e;
  e.code = Errc::kConflict;
  e.type = "insufficient_stock";
  e.detail = "The quantity cannot go below the " + std::to_string(reserved) +
             " units reserved for orders.";
  return std::unexpected(std::move(e));
}

}  // namespace

Result<std::vector<Warehouse>> AdminService::ListWarehouses() {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<std::vector<Warehouse>> {
    std::vector<Warehouse> out;
    for (const db::Row& r :
         uow.Query(std::string(sqla::kWarehouseColumns) + std::string(sqla::kWarehousesInOrder))) {
      out.push_back(ReadWarehouse(r));
    }
    return out;
  });
}

Result<Warehouse> AdminService::CreateWarehouse(const WarehouseInput& in, audit::AuditEntry who) {
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<Warehouse> {
    Warehouse w;
    w.priority = 100;
    Take(w.code, in.code);
    Take(w.name, in.name);
    Take(w.city, in.city);
    Take(w.region, in.region);
    Take(w.priority, in.priority);
    Take(w.is_active, in.is_active);
    if (uow.QueryOne(sqla::kWarehouseCodeTaken, {w.code, std::int64_t{0}})) {
      return Invalid({{"code", "taken", "code " + w.code + " is already in use"}});
    }
    const std::int64_t id = uow.Exec(sqla::kInsertWarehouse, WarehouseParams(w)).last_insert_id;
    Audit(uow, who, "warehouse.create", "warehouse", id,
          json::serialize(json::object{{"code", w.code}, {"name", w.name}}));
    InvalidateAfterCommit(uow, catalog_);
    return *FindWarehouse(uow, id);
  });
  if (!r) return std::unexpected(TakenFromBackstop(std::move(r.error()), "code"));
  return r;
}

Result<Warehouse> AdminService::UpdateWarehouse(std::int64_t id, const WarehouseInput& in,
                                                audit::AuditEntry who) {
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<Warehouse> {
    if (uow.Exec(sqla::kLockWarehouse, {id}).affected == 0) {
      return Fail(Errc::kNotFound, "No warehouse with id " + std::to_string(id) + ".");
    }
    const Warehouse stored = *FindWarehouse(uow, id);
    Warehouse w = stored;
    Take(w.code, in.code);
    Take(w.name, in.name);
    Take(w.city, in.city);
    Take(w.region, in.region);
    Take(w.priority, in.priority);
    Take(w.is_active, in.is_active);
    if (w.code != stored.code && uow.QueryOne(sqla::kWarehouseCodeTaken, {w.code, id})) {
      return Invalid({{"code", "taken", "code " + w.code + " is already in use"}});
    }
    std::vector<db::Value> params = WarehouseParams(w);
    params.emplace_back(id);
    uow.Exec(sqla::kUpdateWarehouse, params);
    json::object changes;
    auto diff = [&changes](const char* name, json::value from, json::value to) {
      if (from != to) changes[name] = {{"from", std::move(from)}, {"to", std::move(to)}};
    };
    diff("code", json::value(stored.code), json::value(w.code));
    diff("name", json::value(stored.name), json::value(w.name));
    diff("city", json::value(stored.city), json::value(w.city));
    diff("region", json::value(stored.region), json::value(w.region));
    diff("priority", json::value(stored.priority), json::value(w.priority));
    diff("is_active", json::value(stored.is_active), json::value(w.is_active));
    Audit(uow, who, "warehouse.update", "warehouse", id,
          json::serialize(json::object{{"changes", std::move(changes)}}));
    InvalidateAfterCommit(uow, catalog_);
    return *FindWarehouse(uow, id);
  });
  if (!r) return std::unexpected(TakenFromBackstop(std::move(r.error()), "code"));
  return r;
}

Result<StockChange> AdminService::SetInventory(const InventorySet& in, audit::AuditEntry who) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<StockChange> {
    auto item = FindStockItem(uow, in.sku, "sku");
    if (!item) return std::unexpected(std::move(item.error()));
    auto warehouse = uow.QueryOne(sqla::kWarehouseByCode, {in.warehouse_code});
    if (!warehouse) {
      return Fail(Errc::kNotFound, "No warehouse with code '" + in.warehouse_code + "'.");
    }
    const std::int64_t warehouse_id = warehouse->Int(0);
    const InventoryRow before = LockInventory(uow, *item, warehouse_id);
    if (uow.Exec(sqla::kSetInventory, {in.quantity, db::Opt(in.reorder_point),
                                       db::Opt(in.reorder_quantity), before.id, in.quantity})
            .affected == 0) {
      return BelowReserved(before.reserved);
    }
    const InventoryRow after = ReadInventory(*uow.QueryOne(sqla::kInventoryById, {before.id}));
    uow.Exec(sqla::kResolveStockAlerts, {time::ToSql(std::chrono::system_clock::now()), after.id, after.id});
    StockChange change{Level(after, *item, in.sku, in.warehouse_code), std::nullopt};
    const std::int64_t delta = after.quantity - before.quantity;
    if (delta != 0) {
      const std::string reason = in.reason.value_or(std::string(kSetReason));
      const std::int64_t ledger_id =
          WriteLedger(uow, after, *item, warehouse_id, delta, after.quantity, reason, who);
      change.adjustment = Adjustment{ledger_id, delta, after.quantity, reason};
    }
    search_log::Record(uow, search_log::kStock, item->product_id);
    Audit(uow, who, "inventory.set", "inventory", after.id,
          json::serialize(json::object{
              {"sku", in.sku},
              {"warehouse", in.warehouse_code},
              {"quantity", {{"from", before.quantity}, {"to", after.quantity}}},
              {"reorder_point", after.reorder_point},
              {"reorder_quantity", after.reorder_quantity},
              {"reason", in.reason ? json::value(*in.reason) : json::value(nullptr)}}));
    InvalidateAfterCommit(uow, catalog_);
    return change;
  });
}

Result<StockChange> AdminService::AdjustInventory(const InventoryAdjust& in,
                                                  audit::AuditEntry who) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<StockChange> {
    std::vector<FieldError> errors;
    auto item = FindStockItem(uow, in.sku, "sku");
    if (!item) {
      if (item.error().code == Errc::kNotFound) {
        errors.push_back({"sku", "unknown", "no product or variant with this SKU"});
      } else {
        errors.insert(errors.end(), item.error().fields.begin(), item.error().fields.end());
      }
    }
    auto warehouse = uow.QueryOne(sqla::kWarehouseByCode, {in.warehouse_code});
    if (!warehouse) errors.push_back({"warehouse", "unknown", "no warehouse with this code"});
    if (!errors.empty()) return Invalid(std::move(errors));
    const std::int64_t warehouse_id = warehouse->Int(0);

    const InventoryRow before = LockInventory(uow, *item, warehouse_id);
    if (uow.Exec(sqla::kAdjustInventory, {in.delta, before.id, in.delta, in.delta, kMaxQuantity})
            .affected == 0) {
      if (before.quantity + in.delta > kMaxQuantity) {
        return Invalid({{"delta", "out_of_range",
                         "the quantity would exceed " + std::to_string(kMaxQuantity)}});
      }
      Error e;
      e.code = Errc::kConflict;
      e.type = "insufficient_stock";
      e.detail = "Cannot remove " + std::to_string(-in.delta) +
                 " units: " + std::to_string(before.quantity) + " in stock, " +
                 std::to_string(before.reserved) + " of them reserved.";
      return std::unexpected(std::move(e));
    }
    const InventoryRow after = ReadInventory(*uow.QueryOne(sqla::kInventoryById, {before.id}));
    uow.Exec(sqla::kResolveStockAlerts, {time::ToSql(std::chrono::system_clock::now()), after.id, after.id});
    const std::int64_t ledger_id =
        WriteLedger(uow, after, *item, warehouse_id, in.delta, after.quantity, in.reason, who);
    search_log::Record(uow, search_log::kStock, item->product_id);
    Audit(uow, who, "inventory.adjust", "inventory", after.id,
          json::serialize(json::object{{"sku", in.sku},
                                       {"warehouse", in.warehouse_code},
                                       {"delta", in.delta},
                                       {"quantity_after", after.quantity},
                                       {"reason", in.reason}}));
    InvalidateAfterCommit(uow, catalog_);
    return StockChange{Level(after, *item, in.sku, in.warehouse_code),
                       Adjustment{ledger_id, in.delta, after.quantity, in.reason}};
  });
}

}  // namespace moderno::catalog
