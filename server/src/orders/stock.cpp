#include "orders/stock.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "orders/sellables.hpp"
#include "platform/search_log/search_log.hpp"

namespace moderno::orders {
namespace {

struct InventoryRow {
  std::int64_t id = 0;
  std::int64_t product_id = 0;
  std::int64_t variant_key = 0;
  std::int64_t warehouse_id = 0;
  std::int64_t quantity = 0;
  std::int64_t reserved = 0;
  std::int64_t reorder_point = 0;
};

void OpenAlerts(db::UnitOfWork& uow, const std::vector<InventoryRow>& touched, const std::string& now_sql,
                std::vector<OrderEvent>* opened) {
  std::vector<const InventoryRow*> low;
  for (const auto& r : touched) {
    if (r.quantity - r.reserved <= r.reorder_point) low.push_back(&r);
  }
  if (low.empty()) return;
  std::vector<db::Value> ids;
  for (const auto* r : low) ids.emplace_back(r->id);
  std::set<std::int64_t> open;
  for (const db::Row& r : uow.Query("SELECT inventory_id FROM stock_alerts WHERE status = 'open' AND inventory_id IN (" +
                                        db::Placeholders(ids.size()) + ")",
                                    ids)) {
    open.insert(r.Int(0));
  }
  for (const auto* r : low) {
    if (open.contains(r->id)) continue;
    const auto inserted = uow.Exec(
        "INSERT INTO stock_alerts (inventory_id, product_id, variant_id, warehouse_id, available, reorder_point, "
        "status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?)",
        {r->id, r->product_id, r->variant_key ? db::Value(r->variant_key) : db::Value(db::kNull), r->warehouse_id,
         r->quantity - r->reserved, r->reorder_point, now_sql});
    if (opened) {
      OrderEvent e;
      e.kind = kStockLow;
      e.alert_id = inserted.last_insert_id;
      e.inventory_id = r->id;
      e.product_id = r->product_id;
      if (r->variant_key) e.variant_id = r->variant_key;
      e.warehouse_id = r->warehouse_id;
      e.available = r->quantity - r->reserved;
      e.reorder_point = r->reorder_point;
      e.at = now_sql;
      opened->push_back(std::move(e));
    }
  }
}

}  // namespace

std::vector<ShortLine> Reserve(db::UnitOfWork& uow, std::int64_t order_id, const std::vector<ReserveLine>& lines,
                               const std::string& now_sql, std::vector<OrderEvent>* opened) {
  std::vector<ShortLine> shorts;
  if (lines.empty()) return shorts;
  // Every candidate row of every line, in one statement; on MySQL the rows are locked in the
  // unique index's order (product, variant, warehouse), the same in every transaction.
  std::set<ItemKey> keys;
  for (const auto& l : lines) keys.insert({l.product_id, l.variant_key});
  std::string where;
  std::vector<db::Value> params;
  for (const auto& [p, v] : keys) {
    where += where.empty() ? "(i.product_id = ? AND i.variant_key = ?)" : " OR (i.product_id = ? AND i.variant_key = ?)";
    params.emplace_back(p);
    params.emplace_back(v);
  }
  // Only inventory rows are locked: warehouse priorities are read without a lock (MariaDB locks
  // the rows of every table of a locking join, which would serialise all checkouts).
  std::map<std::int64_t, std::int64_t> priority_of;  // active warehouses
  for (const db::Row& r : uow.Query("SELECT id, priority FROM warehouses WHERE is_active = 1")) {
    priority_of[r.Int(0)] = r.Int(1);
  }
  std::string sql =
      "SELECT i.id, i.product_id, i.variant_key, i.warehouse_id, i.quantity, i.reserved_quantity, i.reorder_point "
      "FROM inventory i WHERE " +
      where + " ORDER BY i.product_id, i.variant_key, i.warehouse_id";
  if (uow.dialect() == db::Dialect::kMysql) sql += " FOR UPDATE";
  std::map<ItemKey, std::vector<std::pair<std::int64_t, InventoryRow>>> candidates;  // priority, row
  for (const db::Row& r : uow.Query(sql, params)) {
    InventoryRow row{r.Int(0), r.Int(1), r.Int(2), r.Int(3), r.Int(4), r.Int(5), r.Int(6)};
    auto priority = priority_of.find(row.warehouse_id);
    if (priority == priority_of.end()) continue;  // an inactive warehouse sells nothing
    candidates[{row.product_id, row.variant_key}].emplace_back(priority->second, row);
  }
  for (auto& [key, rows] : candidates) {
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second.warehouse_id < b.second.warehouse_id;
    });
  }

  // Plan first (lines of the same item draw on the same rows), then write.
  struct Take {
    std::int64_t order_item_id;
    InventoryRow* row;
    std::int64_t units;
  };
  std::vector<Take> plan;
  for (const auto& line : lines) {
    auto& rows = candidates[{line.product_id, line.variant_key}];
    std::int64_t remaining = line.quantity;
    std::int64_t available_total = 0;
    for (auto& [priority, row] : rows) {
      const std::int64_t available = std::max<std::int64_t>(row.quantity - row.reserved, 0);
      available_total += available;
      const std::int64_t units = std::min(available, remaining);
      if (units <= 0) continue;
      plan.push_back({line.order_item_id, &row, units});
      row.reserved += units;
      remaining -= units;
      if (remaining == 0) break;
    }
    if (remaining > 0) {
      shorts.push_back({line.sku, line.product_id, line.variant_key, line.quantity, available_total});
    }
  }
  if (!shorts.empty()) return shorts;

  std::vector<InventoryRow> touched;
  for (const Take& t : plan) {
    const auto r = uow.Exec(
        "UPDATE inventory SET reserved_quantity = reserved_quantity + ?, updated_at = ? "
        "WHERE id = ? AND quantity - reserved_quantity >= ?",
        {t.units, now_sql, t.row->id, t.units});
    if (r.affected != 1) {
      // Another writer took the units between the read and the update (only possible without
      // row locks); the whole unit of work is retried from a fresh read.
      throw db::DbError(Errc::kAborted, "inventory row changed during reservation");
    }
    uow.Exec(
        "INSERT INTO stock_reservations (order_id, order_item_id, inventory_id, quantity, state, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, 'reserved', ?, ?)",
        {order_id, t.order_item_id, t.row->id, t.units, now_sql, now_sql});
  }
  for (const auto& [key, rows] : candidates) {
    for (const auto& [priority, row] : rows) touched.push_back(row);
  }
  OpenAlerts(uow, touched, now_sql, opened);
  // Available stock changed: the search index follows (in-stock filter and boost).
  std::vector<std::int64_t> products;
  for (const Take& t : plan) products.push_back(t.row->product_id);
  search_log::Record(uow, search_log::kStock, products);
  return shorts;
}

void CommitReservations(db::UnitOfWork& uow, std::int64_t order_id, const std::string& now_sql) {
  const db::Rows rows = uow.Query(
      "SELECT id, inventory_id, quantity FROM stock_reservations WHERE order_id = ? AND state = 'reserved' "
      "ORDER BY inventory_id",
      {order_id});
  for (const db::Row& r : rows) {
    const auto done = uow.Exec(
        "UPDATE inventory SET quantity = quantity - ?, reserved_quantity = reserved_quantity - ?, updated_at = ? "
        "WHERE id = ? AND reserved_quantity >= ? AND quantity >= ?",
        {r.Int(2), r.Int(2), now_sql, r.Int(1), r.Int(2), r.Int(2)});
    if (done.affected != 1) throw db::DbError(Errc::kInternal, "reservation without reserved stock");
    uow.Exec("UPDATE stock_reservations SET state = 'committed', updated_at = ? WHERE id = ?", {now_sql, r.Int(0)});
  }
  std::vector<std::int64_t> inventory_ids;
  for (const db::Row& r : rows) inventory_ids.push_back(r.Int(1));
  search_log::RecordInventoryProducts(uow, inventory_ids);
}

std::int64_t ReleaseReservations(db::UnitOfWork& uow, std::int64_t order_id, bool restock, const std::string& now_sql) {
  const db::Rows rows = uow.Query(
      "SELECT id, inventory_id, quantity, state FROM stock_reservations WHERE order_id = ? AND state <> 'released' "
      "ORDER BY inventory_id",
      {order_id});
  std::int64_t units = 0;
  std::vector<std::int64_t> inventory_ids;
  for (const db::Row& r : rows) {
    const bool reserved = r.Str(3) == "reserved";
    if (!reserved && !restock) continue;
    if (reserved) {
      const auto done = uow.Exec(
          "UPDATE inventory SET reserved_quantity = reserved_quantity - ?, updated_at = ? "
          "WHERE id = ? AND reserved_quantity >= ?",
          {r.Int(2), now_sql, r.Int(1), r.Int(2)});
      if (done.affected != 1) throw db::DbError(Errc::kInternal, "reservation without reserved stock");
    } else {
      uow.Exec("UPDATE inventory SET quantity = quantity + ?, updated_at = ? WHERE id = ?",
               {r.Int(2), now_sql, r.Int(1)});
    }
    uow.Exec("UPDATE stock_reservations SET state = 'released', updated_at = ? WHERE id = ?", {now_sql, r.Int(0)});
    units += r.Int(2);
    inventory_ids.push_back(r.Int(1));
  }
  ResolveAlerts(uow, inventory_ids, now_sql);
  search_log::RecordInventoryProducts(uow, inventory_ids);
  return units;
}

void ResolveAlerts(db::UnitOfWork& uow, const std::vector<std::int64_t>& inventory_ids, const std::string& now_sql) {
  if (inventory_ids.empty()) return;
  std::vector<db::Value> params{now_sql};
  for (auto id : inventory_ids) params.emplace_back(id);
  uow.Exec("UPDATE stock_alerts SET status = 'resolved', resolved_at = ? WHERE status = 'open' AND inventory_id IN (" +
               db::Placeholders(inventory_ids.size()) +
               ") AND inventory_id IN (SELECT id FROM inventory WHERE quantity - reserved_quantity > reorder_point)",
           params);
}

}  // namespace moderno::orders
