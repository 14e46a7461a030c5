#pragma once
// Stock moves inside the caller's unit of work, for the code that spans domains (checkout,
// cancellation, refunds) and for catalog writes that bring stock with them (new products, the
// CSV import, the demo seeder). This is the only code that writes inventory, stock_reservations,
// inventory_adjustments and stock_alerts; every move also appends its search change-log rows.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "inventory/model.hpp"
#include "platform/db/db.hpp"

namespace moderno::inventory {

// Reserves every line in warehouse priority order, splitting a line across warehouses when
// needed; rows are locked in index order (product, variant, warehouse). On any short line
// nothing is written and the short lines are returned (the caller rolls back). Opens low-stock
// alerts for rows that fall to their reorder point (once per row while open), added to `opened`.
std::vector<ShortLine> Reserve(db::UnitOfWork& uow, std::int64_t order_id, const std::vector<ReserveLine>& lines,
                               const std::string& now_sql, std::vector<AlertOpened>* opened = nullptr);

// Payment succeeded (or goods left): an order's reserved units leave the stock for good.
void CommitReservations(db::UnitOfWork& uow, std::int64_t order_id, const std::string& now_sql);

// An order's reserved units go back to available; committed units go back to the shelf when
// `restock` (cancellation before shipment). Returns the number of units returned.
std::int64_t ReleaseReservations(db::UnitOfWork& uow, std::int64_t order_id, bool restock, const std::string& now_sql);

// Resolves open alerts of these inventory rows that are above their reorder point again.
void ResolveAlerts(db::UnitOfWork& uow, const std::vector<std::int64_t>& inventory_ids, const std::string& now_sql);

// New stock rows, inserted in batches (no ledger: the caller writes it when it is a change).
void InsertLevels(db::UnitOfWork& uow, const std::vector<NewLevel>& levels);

// Ledger rows, inserted in batches.
void WriteLedger(db::UnitOfWork& uow, const std::vector<LedgerEntry>& entries);

// Sets a row's quantity (import). Refused (false) when orders reserved more than `quantity`
// meanwhile; resolves the row's alert when stock went up.
bool SetQuantity(db::UnitOfWork& uow, std::int64_t inventory_id, std::int64_t quantity, bool went_up,
                 const std::string& now_sql);

// The stock row of a new product or variant in a warehouse, with a ledger row when not zero.
void PlaceStock(db::UnitOfWork& uow, std::int64_t product_id, std::optional<std::int64_t> variant_id,
                std::int64_t warehouse_id, std::int64_t quantity, const std::string& reason,
                std::optional<std::int64_t> actor_user_id);

}  // namespace moderno::inventory
