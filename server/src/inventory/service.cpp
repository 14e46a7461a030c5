#include "inventory/service.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "inventory/queries.hpp"
#include "inventory/stock.hpp"
#include "platform/db/retry.hpp"
#include "platform/search_log/search_log.hpp"
#include "platform/time/time.hpp"

namespace moderno::inventory {
namespace json = boost::json;
namespace {

// The largest quantity one inventory row may hold (the column is a 32-bit INT on MySQL).
constexpr std::int64_t kMaxQuantity = 1'000'000'000;
constexpr std::string_view kSetReason = "set";

// What an inventory SKU names: a product without variants, or a variant.
struct StockItem {
  std::int64_t product_id = 0;
  std::optional<std::int64_t> variant_id;
};

struct Level {
  std::int64_t id = 0, quantity = 0, reserved = 0, reorder_point = 0, reorder_quantity = 0;
};

Level ReadLevel(const db::Row& r) { return {r.Int(0), r.Int(1), r.Int(2), r.Int(3), r.Int(4)}; }

// The item for a SKU, kNotFound when no product or variant has it, or a 422 on `sku` when it
// is a product with variants (stock is kept per variant).
Result<StockItem> FindStockItem(db::UnitOfWork& uow, const std::string& sku) {
  if (auto p = uow.QueryOne(sql::kProductBySku, {sku})) {
    if (p->Int(1) > 0) {
      return Invalid({{"sku", "has_variants", "product " + sku + " has variants; its stock is kept per variant SKU"}});
    }
    return StockItem{p->Int(0), std::nullopt};
  }
  if (auto v = uow.QueryOne(sql::kVariantBySku, {sku})) return StockItem{v->Int(1), v->Int(0)};
  return Fail(Errc::kNotFound, "No product or variant with SKU '" + sku + "'.");
}

// The stock row of an item in a warehouse, locked for this transaction; created empty when
// missing (a concurrent creation of the same row is retried, and the retry finds it).
Level LockLevel(db::UnitOfWork& uow, const StockItem& item, std::int64_t warehouse_id) {
  const std::vector<db::Value> key{item.product_id, item.variant_id.value_or(0), warehouse_id};
  uow.Exec(sql::kLockInventory, key);
  if (auto row = uow.QueryOne(sql::kInventoryByKey, key)) return ReadLevel(*row);
  db::RetryOnDuplicate([&] {
    uow.Exec(sql::kInsertInventory,
             {item.product_id, db::Opt(item.variant_id), item.variant_id.value_or(0), warehouse_id, std::int64_t{0}});
  });
  return ReadLevel(*uow.QueryOne(sql::kInventoryByKey, key));
}

InventoryLevel LevelView(const Level& row, const StockItem& item, const std::string& sku, const std::string& warehouse) {
  return {row.id,       sku,          item.product_id,   item.variant_id,     warehouse,
          row.quantity, row.reserved, row.reorder_point, row.reorder_quantity};
}

std::int64_t Ledger(db::UnitOfWork& uow, const Level& row, const StockItem& item, std::int64_t warehouse_id,
                    std::int64_t delta, const std::string& reason, const audit::AuditEntry& who) {
  return uow
      .Exec(std::string(sql::kInsertAdjustmentPrefix) + "(" + db::Placeholders(sql::kAdjustmentColumns) + ")",
            {row.id, item.product_id, db::Opt(item.variant_id), warehouse_id, delta, row.quantity, reason,
             db::Opt(who.actor_user_id)})
      .last_insert_id;
}

std::string NowSql() { return time::ToSql(std::chrono::system_clock::now()); }

}  // namespace

Result<StockChange> Service::Set(const InventorySet& in, const audit::AuditEntry& who) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<StockChange> {
    auto item = FindStockItem(uow, in.sku);
    if (!item) return std::unexpected(std::move(item.error()));
    auto warehouse = uow.QueryOne(sql::kWarehouseByCode, {in.warehouse_code});
    if (!warehouse) return Fail(Errc::kNotFound, "No warehouse with code '" + in.warehouse_code + "'.");
    const std::int64_t warehouse_id = warehouse->Int(0);
    const Level before = LockLevel(uow, *item, warehouse_id);
    if (uow.Exec(sql::kSetInventory, {in.quantity, db::Opt(in.reorder_point), db::Opt(in.reorder_quantity), before.id,
                                      in.quantity})
            .affected == 0) {
      Error e;
      e.code = Errc::kConflict;
      e.type = "insufficient_stock";
      e.detail = "The quantity cannot go below the " + std::to_string(before.reserved) + " units reserved for orders.";
      return std::unexpected(std::move(e));
    }
    const Level after = ReadLevel(*uow.QueryOne(sql::kInventoryById, {before.id}));
    ResolveAlerts(uow, {after.id}, NowSql());
    StockChange change{LevelView(after, *item, in.sku, in.warehouse_code), std::nullopt};
    if (const std::int64_t delta = after.quantity - before.quantity; delta != 0) {
      const std::string reason = in.reason.value_or(std::string(kSetReason));
      change.adjustment = Adjustment{Ledger(uow, after, *item, warehouse_id, delta, reason, who), delta, after.quantity, reason};
    }
    search_log::Record(uow, search_log::kStock, item->product_id);
    const json::object details{
        {"sku", in.sku},
        {"warehouse", in.warehouse_code},
        {"quantity", {{"from", before.quantity}, {"to", after.quantity}}},
        {"reorder_point", after.reorder_point},
        {"reorder_quantity", after.reorder_quantity},
        {"reason", in.reason ? json::value(*in.reason) : json::value(nullptr)}};
    audit::RecordChange(uow, who, "inventory.set", "inventory", after.id, json::serialize(details));
    if (changed_) uow.AfterCommit(changed_);
    return change;
  });
}

Result<StockChange> Service::Adjust(const InventoryAdjust& in, const audit::AuditEntry& who) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<StockChange> {
    std::vector<FieldError> errors;
    auto item = FindStockItem(uow, in.sku);
    if (!item) {
      if (item.error().code == Errc::kNotFound) {
        errors.push_back({"sku", "unknown", "no product or variant with this SKU"});
      } else {
        errors.insert(errors.end(), item.error().fields.begin(), item.error().fields.end());
      }
    }
    auto warehouse = uow.QueryOne(sql::kWarehouseByCode, {in.warehouse_code});
    if (!warehouse) errors.push_back({"warehouse", "unknown", "no warehouse with this code"});
    if (!errors.empty()) return Invalid(std::move(errors));
    const std::int64_t warehouse_id = warehouse->Int(0);
    const Level before = LockLevel(uow, *item, warehouse_id);
    if (uow.Exec(sql::kAdjustInventory, {in.delta, before.id, in.delta, in.delta, kMaxQuantity}).affected == 0) {
      if (before.quantity + in.delta > kMaxQuantity) {
        return Invalid({{"delta", "out_of_range", "the quantity would exceed " + std::to_string(kMaxQuantity)}});
      }
      Error e;
      e.code = Errc::kConflict;
      e.type = "insufficient_stock";
      e.detail = "Cannot remove " + std::to_string(-in.delta) + " units: " + std::to_string(before.quantity) +
                 " in stock, " + std::to_string(before.reserved) + " of them reserved.";
      return std::unexpected(std::move(e));
    }
    const Level after = ReadLevel(*uow.QueryOne(sql::kInventoryById, {before.id}));
    ResolveAlerts(uow, {after.id}, NowSql());
    const std::int64_t ledger_id = Ledger(uow, after, *item, warehouse_id, in.delta, in.reason, who);
    search_log::Record(uow, search_log::kStock, item->product_id);
    const json::object details{{"sku", in.sku},
                               {"warehouse", in.warehouse_code},
                               {"delta", in.delta},
                               {"quantity_after", after.quantity},
                               {"reason", in.reason}};
    audit::RecordChange(uow, who, "inventory.adjust", "inventory", after.id, json::serialize(details));
    if (changed_) uow.AfterCommit(changed_);
    return StockChange{LevelView(after, *item, in.sku, in.warehouse_code),
                       Adjustment{ledger_id, in.delta, after.quantity, in.reason}};
  });
}

Result<StockPage> Service::List(const StockFilter& f) {
  std::string where;
  std::vector<db::Value> params;
  if (f.q) {
    // '!' escapes LIKE's wildcards: the same on both dialects (a backslash is itself an escape
    // inside MariaDB string literals).
    std::string escaped;
    for (char c : *f.q) {
      if (c == '%' || c == '_' || c == '!') escaped += '!';
      escaped += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    where += " AND (LOWER(COALESCE(v.sku, p.sku)) LIKE ? ESCAPE '!' OR LOWER(p.name) LIKE ? ESCAPE '!')";
    params.emplace_back(escaped + "%");
    params.emplace_back("%" + escaped + "%");
  }
  if (f.warehouse) {
    where += " AND w.code = ?";
    params.emplace_back(*f.warehouse);
  }
  if (f.low_stock) where += " AND i.quantity - i.reserved_quantity <= i.reorder_point";
  return db_.Read([&](db::UnitOfWork& uow) -> Result<StockPage> {
    StockPage out;
    out.total = uow.QueryOne("SELECT COUNT(*)" + std::string(sql::kStockFrom) + where, params)->Int(0);
    std::vector<db::Value> page = params;
    page.emplace_back(std::int64_t{f.limit});
    page.emplace_back(static_cast<std::int64_t>(f.page - 1) * f.limit);
    for (const db::Row& r :
         uow.Query(std::string(sql::kStockColumns) + std::string(sql::kStockFrom) + where + std::string(sql::kStockOrder),
                   page)) {
      out.rows.push_back({r.Int(0), r.Int(1), r.OptInt(2), r.Str(3), r.Str(4), r.OptStr(5), r.Str(6), r.Int(7), r.Int(8),
                          r.Int(9), r.Bool(10)});
    }
    return out;
  });
}

Result<AlertPage> Service::Alerts(const std::string& status, int page, int limit) {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<AlertPage> {
    AlertPage out;
    out.total = uow.QueryOne(sql::kCountAlerts, {status})->Int(0);
    for (const db::Row& r :
         uow.Query(sql::kAlertsPage, {status, std::int64_t{limit}, static_cast<std::int64_t>(page - 1) * limit})) {
      out.alerts.push_back({r.Int(0), r.Int(1), r.Int(2), r.OptInt(3), r.Str(4), r.Str(5), r.Str(6), r.Int(7), r.Int(8),
                            r.Int(9), r.Str(10), r.Str(11), r.OptStr(12)});
    }
    return out;
  });
}

Result<std::int64_t> Service::RefreshOpenAlerts() {
  auto n = db_.Read([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
    return uow.QueryOne(sql::kCountAlerts, {std::string("open")})->Int(0);
  });
  if (n) open_alerts_ = *n;
  return n;
}

}  // namespace moderno::inventory
