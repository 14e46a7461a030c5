#pragma once
// Catalog import and export as CSV: one row per product or variant, keyed by SKU, with stock
// per active warehouse (`stock_<CODE>` columns). Export -> import round-trips: re-importing an
// export changes nothing.
//
// Columns (any order; only `sku` is required; a column left out of the file leaves that field
// as stored; an empty cell clears a nullable field and leaves a stock level as it is):
//   sku, parent_sku (empty: a product; set: a variant of that product SKU), name, slug,
//   short_description, description, category_slug, brand_slug, price, compare_price,
//   cost_price, currency, weight_grams, is_active, is_featured, meta_title, meta_description,
//   options (variant attributes, a JSON object), barcode, stock_<WAREHOUSE CODE>...
// Variant rows use sku, parent_sku, name, price, compare_price, options, barcode, is_active and
// the stock columns; product-only columns are ignored on them. Variants missing from a file are
// left as they are (an import never deletes).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "platform/time/time.hpp"

namespace moderno::catalog::io {

// Products exported per query page, so memory per page stays bounded.
inline constexpr std::size_t kExportPageSize = 500;

// One problem of an import, as the 422 lists it.
struct RowError {
  std::size_t row = 0;  // record number, the header is 1
  std::string column;   // the column name ("" for the whole row)
  std::string code;     // required, invalid, unknown, taken, duplicate, ...
  std::string message;
};

// What an import did (or, on a dry run, would do).
struct ImportReport {
  bool dry_run = false;
  std::size_t rows = 0;
  std::int64_t products_created = 0, products_updated = 0, products_unchanged = 0;
  std::int64_t variants_created = 0, variants_updated = 0, variants_unchanged = 0;
  std::int64_t stock_changed = 0;  // inventory levels set to a new quantity
  // Rows that create or change something; 0 when the file matches the catalog.
  std::int64_t changed() const {
    return products_created + products_updated + variants_created + variants_updated + stock_changed;
  }
};

// Progress of a long import: `done` of `total` steps (validation, then writing).
using Progress = std::function<void(std::int64_t done, std::int64_t total)>;

// Import and export over a database; cheap to construct per request.
class CatalogIo {
 public:
  CatalogIo(db::Database& db, Service& catalog, time::SystemClock clock)
      : db_(db), catalog_(catalog), clock_(std::move(clock)) {}

  // The whole catalog (products not deleted, all their variants) as CSV with a BOM, read in
  // pages of kExportPageSize products.
  Result<std::string> Export();

  // Validates every row, then (unless dry_run) applies all of them in one transaction that
  // records search changes, one audit record, and drops the catalog cache after commit.
  // A file with any invalid row changes nothing: kInvalidArgument, type "import_invalid",
  // with the rows' errors as the problem extension `errors: [{row, column, code, message}]`.
  Result<ImportReport> Import(std::string_view csv_text, bool dry_run, audit::AuditEntry who,
                              const Progress& progress = {});

 private:
  db::Database& db_;
  Service& catalog_;
  time::SystemClock clock_;
};

// The number of data rows of a CSV body (records minus the header), 0 when it does not parse;
// decides whether an upload is imported at once or as a job.
std::size_t CountDataRows(std::string_view csv_text);

// The report as JSON text: {dry_run, rows, products:{created,updated,unchanged}, variants:{..},
// stock_changed, changed}.
std::string ReportJson(const ImportReport& r);

}  // namespace moderno::catalog::io
