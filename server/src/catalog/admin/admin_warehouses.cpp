// Warehouses: list, create and update (stock levels are the inventory domain's).
#include <boost/json.hpp>

#include "catalog/admin/admin_queries.hpp"
#include "catalog/admin/admin_service.hpp"
#include "catalog/admin/admin_support.hpp"
#include "platform/time/time.hpp"

namespace moderno::catalog {
namespace json = boost::json;
namespace sqla = admin_sql;
namespace {

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

}  // namespace moderno::catalog
