#include "inventory/stock.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "inventory/queries.hpp"
#include "platform/db/batch.hpp"
#include "platform/search_log/search_log.hpp"

namespace moderno::inventory {
namespace {

using ItemKey = std::pair<std::int64_t, std::int64_t>;  // product, variant key

struct Row {
  std::int64_t id = 0;
  std::int64_t product_id = 0;
  std::int64_t variant_key = 0;
  std::int64_t warehouse_id = 0;
  std::int64_t quantity = 0;
  std::int64_t reserved = 0;
  std::int64_t reorder_point = 0;
};

// A planned take of units from one row for one order line.
struct Take {
  std::int64_t order_item_id;
  Row* row;
  std::int64_t units;
};

using Candidates = std::map<ItemKey, std::vector<std::pair<std::int64_t, Row>>>;  // priority, row


// Stock moved on these rows: the search index follows (in-stock filter and boost).
void RecordStockMoved(db::UnitOfWork& uow, std::vector<std::int64_t> inventory_ids) {
  std::ranges::sort(inventory_ids);
  inventory_ids.erase(std::unique(inventory_ids.begin(), inventory_ids.end()), inventory_ids.end());
  constexpr std::size_t kPerStatement = 500;
  for (std::size_t begin = 0; begin < inventory_ids.size(); begin += kPerStatement) {
    const std::size_t n = std::min(kPerStatement, inventory_ids.size() - begin);
    std::vector<db::Value> params(inventory_ids.begin() + begin, inventory_ids.begin() + begin + n);
    uow.Exec(std::string(sql::kStockChangedPrefix) + db::Placeholders(n) + ")", params);
  }
}

// Every candidate row of the lines' items, by item, in warehouse priority order. Only inventory
// rows are locked: warehouse priorities are read without a lock (MariaDB locks the rows of every
// table of a locking join, which would serialise all checkouts).
Candidates LoadCandidates(db::UnitOfWork& uow, const std::vector<ReserveLine>& lines) {
  std::set<ItemKey> keys;
  for (const auto& l : lines) keys.insert({l.product_id, l.variant_key});
  std::string where;
  std::vector<db::Value> params;
  for (const auto& [p, v] : keys) {
    where += where.empty() ? "(i.product_id = ? AND i.variant_key = ?)" : " OR (i.product_id = ? AND i.variant_key = ?)";
    params.emplace_back(p);
    params.emplace_back(v);
  }
  std::map<std::int64_t, std::int64_t> priority_of;  // active warehouses
  for (const db::Row& r : uow.Query(sql::kActiveWarehousePriorities)) priority_of[r.Int(0)] = r.Int(1);
  std::string text = std::string(sql::kCandidates) + where + std::string(sql::kCandidatesOrder);
  if (uow.dialect() == db::Dialect::kMysql) text += " FOR UPDATE";
  Candidates candidates;
  for (const db::Row& r : uow.Query(text, params)) {
    Row row{r.Int(0), r.Int(1), r.Int(2), r.Int(3), r.Int(4), r.Int(5), r.Int(6)};
    auto priority = priority_of.find(row.warehouse_id);
    if (priority == priority_of.end()) continue;  // an inactive warehouse sells nothing
    candidates[{row.product_id, row.variant_key}].emplace_back(priority->second, row);
  }
  for (auto& [key, rows] : candidates) {
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second.warehouse_id < b.second.warehouse_id;
    });
  }
  return candidates;
}

// Plans the takes (lines of the same item draw on the same rows); the short lines when stock
// cannot cover them.
std::vector<ShortLine> Plan(const std::vector<ReserveLine>& lines, Candidates& candidates, std::vector<Take>& plan) {
  std::vector<ShortLine> shorts;
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
    if (remaining > 0) shorts.push_back({line.sku, line.product_id, line.variant_key, line.quantity, available_total});
  }
  return shorts;
}

void OpenAlerts(db::UnitOfWork& uow, const Candidates& candidates, const std::string& now_sql,
                std::vector<AlertOpened>* opened) {
  std::vector<const Row*> low;
  for (const auto& [key, rows] : candidates) {
    for (const auto& [priority, row] : rows) {
      if (row.quantity - row.reserved <= row.reorder_point) low.push_back(&row);
    }
  }
  if (low.empty()) return;
  std::vector<db::Value> ids;
  for (const Row* r : low) ids.emplace_back(r->id);
  std::set<std::int64_t> open;
  for (const db::Row& r : uow.Query(std::string(sql::kOpenAlertsOfRowsPrefix) + db::Placeholders(ids.size()) + ")", ids)) {
    open.insert(r.Int(0));
  }
  for (const Row* r : low) {
    if (open.contains(r->id)) continue;
    const std::optional<std::int64_t> variant = r->variant_key ? std::optional(r->variant_key) : std::nullopt;
    const auto inserted = uow.Exec(sql::kInsertAlert, {r->id, r->product_id, db::Opt(variant), r->warehouse_id,
                                                       r->quantity - r->reserved, r->reorder_point, now_sql});
    if (opened) {
      opened->push_back({inserted.last_insert_id, r->id, r->product_id, r->warehouse_id, variant,
                         r->quantity - r->reserved, r->reorder_point});
    }
  }
}

}  // namespace

std::vector<ShortLine> Reserve(db::UnitOfWork& uow, std::int64_t order_id, const std::vector<ReserveLine>& lines,
                               const std::string& now_sql, std::vector<AlertOpened>* opened) {
  if (lines.empty()) return {};
  Candidates candidates = LoadCandidates(uow, lines);
  std::vector<Take> plan;
  auto shorts = Plan(lines, candidates, plan);
  if (!shorts.empty()) return shorts;
  std::vector<std::int64_t> moved;
  for (const Take& t : plan) {
    if (uow.Exec(sql::kReserve, {t.units, now_sql, t.row->id, t.units}).affected != 1) {
      // Another writer took the units between the read and the update (only possible without
      // row locks); the whole unit of work is retried from a fresh read.
      throw db::DbError(Errc::kAborted, "inventory row changed during reservation");
    }
    uow.Exec(sql::kInsertReservation, {order_id, t.order_item_id, t.row->id, t.units, now_sql, now_sql});
    moved.push_back(t.row->product_id);
  }
  OpenAlerts(uow, candidates, now_sql, opened);
  search_log::Record(uow, search_log::kStock, moved);
  return {};
}

void CommitReservations(db::UnitOfWork& uow, std::int64_t order_id, const std::string& now_sql) {
  const db::Rows rows = uow.Query(sql::kReservedOfOrder, {order_id});
  std::vector<std::int64_t> inventory_ids;
  for (const db::Row& r : rows) {
    const std::int64_t units = r.Int(2);
    if (uow.Exec(sql::kCommitReserved, {units, units, now_sql, r.Int(1), units, units}).affected != 1) {
      throw db::DbError(Errc::kInternal, "reservation without reserved stock");
    }
    uow.Exec(sql::kMarkReservation, {"committed", now_sql, r.Int(0)});
    inventory_ids.push_back(r.Int(1));
  }
  RecordStockMoved(uow, std::move(inventory_ids));
}

std::int64_t ReleaseReservations(db::UnitOfWork& uow, std::int64_t order_id, bool restock, const std::string& now_sql) {
  const db::Rows rows = uow.Query(sql::kUnreleasedOfOrder, {order_id});
  std::int64_t units = 0;
  std::vector<std::int64_t> inventory_ids;
  for (const db::Row& r : rows) {
    const bool reserved = r.Str(3) == "reserved";
    if (!reserved && !restock) continue;
    if (reserved) {
      if (uow.Exec(sql::kReleaseReserved, {r.Int(2), now_sql, r.Int(1), r.Int(2)}).affected != 1) {
        throw db::DbError(Errc::kInternal, "reservation without reserved stock");
      }
    } else {
      uow.Exec(sql::kRestock, {r.Int(2), now_sql, r.Int(1)});
    }
    uow.Exec(sql::kMarkReservation, {"released", now_sql, r.Int(0)});
    units += r.Int(2);
    inventory_ids.push_back(r.Int(1));
  }
  ResolveAlerts(uow, inventory_ids, now_sql);
  RecordStockMoved(uow, std::move(inventory_ids));
  return units;
}

void ResolveAlerts(db::UnitOfWork& uow, const std::vector<std::int64_t>& inventory_ids, const std::string& now_sql) {
  if (inventory_ids.empty()) return;
  std::vector<db::Value> params{now_sql};
  for (auto id : inventory_ids) params.emplace_back(id);
  uow.Exec(std::string(sql::kResolveAlertsPrefix) + db::Placeholders(inventory_ids.size()) +
               std::string(sql::kResolveAlertsSuffix),
           params);
}

void InsertLevels(db::UnitOfWork& uow, const std::vector<NewLevel>& levels) {
  std::vector<std::vector<db::Value>> rows;
  rows.reserve(levels.size());
  for (const NewLevel& l : levels) {
    rows.push_back({l.product_id, db::Opt(l.variant_id), l.variant_id.value_or(0), l.warehouse_id, l.quantity});
  }
  db::InsertMany(uow, sql::kInsertInventoryPrefix, sql::kInventoryColumns, rows);
}

void WriteLedger(db::UnitOfWork& uow, const std::vector<LedgerEntry>& entries) {
  std::vector<std::vector<db::Value>> rows;
  rows.reserve(entries.size());
  for (const LedgerEntry& e : entries) {
    rows.push_back({e.inventory_id, e.product_id, db::Opt(e.variant_id), e.warehouse_id, e.delta, e.quantity_after,
                    e.reason, db::Opt(e.actor_user_id)});
  }
  db::InsertMany(uow, sql::kInsertAdjustmentPrefix, sql::kAdjustmentColumns, rows);
}

bool SetQuantity(db::UnitOfWork& uow, std::int64_t inventory_id, std::int64_t quantity, bool went_up,
                 const std::string& now_sql) {
  if (uow.Exec(sql::kSetInventory, {quantity, db::kNull, db::kNull, inventory_id, quantity}).affected == 0) return false;
  if (went_up) ResolveAlerts(uow, {inventory_id}, now_sql);
  return true;
}

void PlaceStock(db::UnitOfWork& uow, std::int64_t product_id, std::optional<std::int64_t> variant_id,
                std::int64_t warehouse_id, std::int64_t quantity, const std::string& reason,
                std::optional<std::int64_t> actor_user_id) {
  const std::int64_t inventory_id =
      uow.Exec(sql::kInsertInventory, {product_id, db::Opt(variant_id), variant_id.value_or(0), warehouse_id, quantity})
          .last_insert_id;
  if (quantity == 0) return;
  WriteLedger(uow, {{inventory_id, product_id, variant_id, warehouse_id, quantity, quantity, reason, actor_user_id}});
}

}  // namespace moderno::inventory
