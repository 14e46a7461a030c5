#include "analytics/reports.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <vector>

#include "analytics/csv.hpp"
#include "analytics/dates.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/time/time.hpp"

namespace moderno::analytics {
namespace {

namespace json = boost::json;

constexpr const char* kSalesCount = "SELECT COUNT(*) FROM orders WHERE created_at >= ? AND created_at < ?";
// Keyset pages on (created_at, id), so each page is an index range read.
constexpr const char* kSalesPage =
    "SELECT o.id, o.order_number, o.created_at, o.paid_at, o.status, o.payment_status, o.payment_method, u.email, "
    "u.name, (SELECT COALESCE(SUM(oi.quantity), 0) FROM order_items oi WHERE oi.order_id = o.id), o.subtotal, "
    "o.discount_amount, o.shipping_amount, o.tax_amount, o.total_amount, o.refunded_amount, o.coupon_code, "
    "o.shipping_method, o.shipping_region, o.currency "
    "FROM orders o JOIN users u ON u.id = o.user_id WHERE o.created_at >= ? AND o.created_at < ? "
    "AND (o.created_at > ? OR (o.created_at = ? AND o.id > ?)) ORDER BY o.created_at, o.id LIMIT ?";
constexpr const char* kInventoryCount = "SELECT COUNT(*) FROM inventory";
constexpr const char* kInventoryPage =
    "SELECT i.id, COALESCE(v.sku, p.sku), p.name, v.name, w.code, i.quantity, i.reserved_quantity, i.reorder_point, "
    "p.is_active FROM inventory i JOIN products p ON p.id = i.product_id "
    "LEFT JOIN product_variants v ON v.id = i.variant_id JOIN warehouses w ON w.id = i.warehouse_id "
    "WHERE i.id > ? ORDER BY i.id LIMIT ?";
constexpr const char* kCustomersCount = "SELECT COUNT(*) FROM users WHERE role = 'customer' AND created_at < ?";
constexpr const char* kCustomersPage =
    "SELECT u.id, u.email, u.name, u.created_at, "
    "(SELECT COUNT(*) FROM orders o WHERE o.user_id = u.id AND o.created_at >= ? AND o.created_at < ? "
    "AND o.status <> 'cancelled'), "
    "(SELECT COALESCE(SUM(o.total_amount - o.refunded_amount), 0) FROM orders o WHERE o.user_id = u.id "
    "AND o.created_at >= ? AND o.created_at < ? AND o.status <> 'cancelled'), "
    "(SELECT COUNT(*) FROM orders o WHERE o.user_id = u.id AND o.status <> 'cancelled'), "
    "(SELECT MAX(o.created_at) FROM orders o WHERE o.user_id = u.id) "
    "FROM users u WHERE u.role = 'customer' AND u.created_at < ? AND u.id > ? ORDER BY u.id LIMIT ?";

std::string Iso(const db::Row& r, std::size_t i) { return r.IsNull(i) ? "" : time::IsoFromSql(r.Str(i)); }
std::string Num(const db::Row& r, std::size_t i) { return std::to_string(r.Int(i)); }

struct Bounds {
  std::string start, end;  // [start, end) timestamps
};
Bounds BoundsOf(const DayRange& range) {
  return {StartSql(*ParseDay(range.from)), StartSql(*ParseDay(range.to) + std::chrono::days(1))};
}

}  // namespace

std::optional<Report> ParseReport(std::string_view name) {
  if (name == "sales") return Report::kSales;
  if (name == "inventory") return Report::kInventory;
  if (name == "customers") return Report::kCustomers;
  return std::nullopt;
}

std::string_view ReportName(Report report) {
  switch (report) {
    case Report::kSales: return "sales";
    case Report::kInventory: return "inventory";
    case Report::kCustomers: return "customers";
  }
  return "";
}

Result<std::int64_t> CountReportRows(db::Database& db, Report report, const DayRange& range) {
  const Bounds b = BoundsOf(range);
  return db.Read([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
    switch (report) {
      case Report::kSales: return uow.QueryOne(kSalesCount, {b.start, b.end})->Int(0);
      case Report::kInventory: return uow.QueryOne(kInventoryCount)->Int(0);
      case Report::kCustomers: return uow.QueryOne(kCustomersCount, {b.end})->Int(0);
    }
    return 0;
  });
}

Result<std::int64_t> WriteReport(db::Database& db, Report report, const DayRange& range,
                                 const std::function<void(std::string_view)>& out,
                                 const std::function<void(std::int64_t)>& progress) {
  const Bounds b = BoundsOf(range);
  std::string chunk(kUtf8Bom);
  switch (report) {
    case Report::kSales:
      AppendCsvRow(chunk, {"order_number", "placed_at", "paid_at", "status", "payment_status", "payment_method",
                           "customer_email", "customer_name", "units", "subtotal", "discount", "shipping", "tax", "total",
                           "refunded", "coupon_code", "shipping_method", "shipping_region", "currency"});
      break;
    case Report::kInventory:
      AppendCsvRow(chunk, {"sku", "product", "variant", "warehouse", "quantity", "reserved", "available",
                           "reorder_point", "low_stock", "product_active"});
      break;
    case Report::kCustomers:
      AppendCsvRow(chunk, {"customer_id", "email", "name", "registered_at", "orders_in_range", "spent_in_range",
                           "orders_total", "last_order_at"});
      break;
  }
  out(chunk);
  std::int64_t written = 0;
  // The cursor of the keyset pages: the last row's (timestamp, id).
  std::string after_ts = "1970-01-01 00:00:00";
  std::int64_t after_id = 0;
  for (;;) {
    // Each page is its own short read, so a long export never holds a connection or a snapshot.
    auto page = db.Read([&](db::UnitOfWork& uow) -> Result<std::pair<std::string, int>> {
      std::string text;
      int rows = 0;
      const std::int64_t limit = kReportPage;
      if (report == Report::kSales) {
        for (const db::Row& r : uow.Query(kSalesPage, {b.start, b.end, after_ts, after_ts, after_id, limit})) {
          AppendCsvRow(text, {r.Str(1), Iso(r, 2), Iso(r, 3), r.Str(4), r.Str(5), r.Str(6), r.Str(7), r.Str(8), Num(r, 9),
                              Num(r, 10), Num(r, 11), Num(r, 12), Num(r, 13), Num(r, 14), Num(r, 15), r.Str(16), r.Str(17),
                              r.Str(18), r.Str(19)});
          after_ts = r.Str(2);
          after_id = r.Int(0);
          ++rows;
        }
      } else if (report == Report::kInventory) {
        for (const db::Row& r : uow.Query(kInventoryPage, {after_id, limit})) {
          const std::int64_t available = r.Int(5) - r.Int(6);
          AppendCsvRow(text, {r.Str(1), r.Str(2), r.Str(3), r.Str(4), Num(r, 5), Num(r, 6), std::to_string(available),
                              Num(r, 7), available <= r.Int(7) ? "yes" : "no", r.Bool(8) ? "yes" : "no"});
          after_id = r.Int(0);
          ++rows;
        }
      } else {
        for (const db::Row& r :
             uow.Query(kCustomersPage, {b.start, b.end, b.start, b.end, b.end, after_id, limit})) {
          AppendCsvRow(text, {Num(r, 0), r.Str(1), r.Str(2), Iso(r, 3), Num(r, 4), Num(r, 5), Num(r, 6), Iso(r, 7)});
          after_id = r.Int(0);
          ++rows;
        }
      }
      return std::pair{std::move(text), rows};
    });
    if (!page) return std::unexpected(page.error());
    if (page->second > 0) out(page->first);
    written += page->second;
    if (progress) progress(written);
    if (page->second < kReportPage) break;
  }
  return written;
}

std::string ExportFiles::NewName(Report report, const DayRange& range) const {
  return std::string(ReportName(report)) + "-" + range.from + "-" + range.to + "-" + crypto::RandomToken(24) + ".csv";
}

std::optional<std::filesystem::path> ExportFiles::Find(std::string_view name) const {
  if (name.size() < 5 || name.size() > 120 || !name.ends_with(".csv") || name.front() == '.') return std::nullopt;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
    if (!ok) return std::nullopt;
  }
  if (name.find("..") != std::string_view::npos) return std::nullopt;
  auto path = dir_ / std::string(name);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  return path;
}

std::string ExportFiles::Url(const std::string& name) { return "/api/v1/admin/reports/files/" + name; }

void RegisterExportJob(jobs::Queue& queue, db::Database& db, const ExportFiles& files) {
  queue.Register(kExportJob, [&db, files](jobs::Context& ctx) -> Result<void> {
    boost::system::error_code ec;
    const json::value payload = json::parse(ctx.job().payload, ec);
    if (ec || !payload.is_object()) return Fail(Errc::kInvalidArgument, "bad payload", "export payload is not JSON");
    const json::object& p = payload.as_object();
    auto text = [&](const char* key) -> std::string {
      const json::value* v = p.if_contains(key);
      return v && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    const auto report = ParseReport(text("report"));
    const DayRange range{text("from"), text("to")};
    if (!report || !ParseDay(range.from) || !ParseDay(range.to)) {
      return Fail(Errc::kInvalidArgument, "bad payload", "export payload names no report or range");
    }
    auto total = CountReportRows(db, *report, range);
    if (!total) return std::unexpected(total.error());
    std::error_code fs_ec;
    std::filesystem::create_directories(files.dir(), fs_ec);
    const std::string name = files.NewName(*report, range);
    const auto final_path = files.dir() / name;
    const auto part = files.dir() / (name + ".part");
    std::int64_t bytes = 0;
    Result<std::int64_t> rows = 0;
    {
      std::ofstream f(part, std::ios::binary | std::ios::trunc);
      if (!f) return Fail(Errc::kUnavailable, "cannot write export", "cannot open " + part.string());
      std::int64_t last_reported = 0;
      rows = WriteReport(
          db, *report, range,
          [&](std::string_view chunk) {
            f.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
            bytes += static_cast<std::int64_t>(chunk.size());
          },
          [&](std::int64_t done) {
            // About every 5%: progress is a database write.
            if (done - last_reported >= std::max<std::int64_t>(kReportPage, *total / 20) || done >= *total) {
              ctx.Progress(done, std::max(done, *total));
              last_reported = done;
            }
          });
      f.flush();
      if (!f) rows = Fail(Errc::kUnavailable, "cannot write export", "write failed: " + part.string());
    }
    if (!rows) {
      std::filesystem::remove(part, fs_ec);
      return std::unexpected(rows.error());
    }
    // Only a complete file gets its final name.
    std::filesystem::rename(part, final_path, fs_ec);
    if (fs_ec) return Fail(Errc::kUnavailable, "cannot write export", "rename failed: " + fs_ec.message());
    ctx.Progress(*rows, *rows);
    ctx.SetResult(json::serialize(json::object{{"download", ExportFiles::Url(name)},
                                               {"file", name},
                                               {"report", ReportName(*report)},
                                               {"rows", *rows},
                                               {"bytes", bytes}}));
    return {};
  });
}

}  // namespace moderno::analytics
