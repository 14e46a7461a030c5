#include "app/business_metrics.hpp"

#include <array>

namespace moderno::app {

namespace {
using metrics::Registry;
constexpr std::array<orders::OrderStatus, 7> kStatuses = {
    orders::OrderStatus::kPending,   orders::OrderStatus::kConfirmed, orders::OrderStatus::kProcessing,
    orders::OrderStatus::kShipped,   orders::OrderStatus::kDelivered, orders::OrderStatus::kCancelled,
    orders::OrderStatus::kRefunded};

// Bounded, indexed reads (jobs by status and run_after, orders by created_at, carts by updated_at).
constexpr std::string_view kJobsBacklog = "SELECT COUNT(*) FROM jobs WHERE status = 'queued' AND run_after <= ?";
constexpr std::string_view kJobsOldestDue = "SELECT MIN(run_after) FROM jobs WHERE status = 'queued' AND run_after <= ?";
constexpr std::string_view kJobsByStatus = "SELECT COUNT(*) FROM jobs WHERE status = ?";
constexpr std::string_view kOrdersPlacedSince = "SELECT COUNT(*) FROM orders WHERE created_at >= ?";
constexpr std::string_view kCartsActiveSince = "SELECT COUNT(*) FROM carts WHERE updated_at >= ?";
constexpr std::string_view kFailedCharges =
    "SELECT COUNT(*) FROM payments WHERE order_id = ? AND kind = 'charge' AND status = 'failed'";
}  // namespace

BusinessMetrics::BusinessMetrics(BusinessMetricsDeps deps) : d_(std::move(deps)) {
  methods_.insert(d_.payment_methods.begin(), d_.payment_methods.end());
  Registry& r = d_.registry;
  r.Describe("orders_total", "Orders that entered each status (placed = pending), by payment method.",
             Registry::Type::kCounter);
  r.Describe("orders_amount_total", "Order totals (minor units of the shop currency) entering each status.",
             Registry::Type::kCounter);
  r.Describe("orders_revenue_total", "Payments received (minor units of the shop currency), by method.",
             Registry::Type::kCounter);
  r.Describe("orders_refunded_amount_total", "Money refunded (minor units of the shop currency), by method.",
             Registry::Type::kCounter);
  r.Describe("payment_failures_total",
             "Orders cancelled because the provider declined or failed their charge.",
             Registry::Type::kCounter);
  std::vector<std::string> labels(methods_.begin(), methods_.end());
  labels.push_back("other");
  for (const std::string& m : labels) {
    for (orders::OrderStatus s : kStatuses) {
      r.Zero("orders_total", {{"status", std::string(orders::Name(s))}, {"payment_method", m}});
      r.Zero("orders_amount_total", {{"status", std::string(orders::Name(s))}, {"payment_method", m}});
    }
    r.Zero("orders_revenue_total", {{"payment_method", m}});
    r.Zero("orders_refunded_amount_total", {{"payment_method", m}});
    r.Zero("payment_failures_total", {{"payment_method", m}});
  }
  r.Describe("jobs_backlog", "Queued jobs already due (waiting for a worker).", Registry::Type::kGauge);
  r.Describe("jobs_oldest_due_seconds", "How long the oldest due job has waited.", Registry::Type::kGauge);
  r.Describe("jobs_running", "Jobs claimed by a worker now.", Registry::Type::kGauge);
  r.Describe("jobs_dead", "Jobs that failed every attempt (staff retry them at /admin/jobs).", Registry::Type::kGauge);
  r.Describe("search_index_lag_changes", "Catalog changes this node's search index has not applied yet.",
             Registry::Type::kGauge);
  r.Describe("search_index_seconds_since_sync", "Seconds since this node's index last read the change log.",
             Registry::Type::kGauge);
  r.Describe("search_index_ready", "1 when this node's search index is open and serving.", Registry::Type::kGauge);
  r.Describe("orders_placed_24h", "Orders placed in the last 24 hours (whole shop).", Registry::Type::kGauge);
  r.Describe("carts_active_24h", "Carts created or changed in the last 24 hours (whole shop).", Registry::Type::kGauge);
  r.Describe("checkout_conversion_ratio", "Orders placed over carts active, last 24 hours.", Registry::Type::kGauge);
  r.Describe("users_active_5m", "Signed-in users this node served in the last 5 minutes.", Registry::Type::kGauge);
  for (const char* g : {"jobs_backlog", "jobs_oldest_due_seconds", "jobs_running", "jobs_dead",
                        "search_index_lag_changes", "search_index_seconds_since_sync", "search_index_ready",
                        "orders_placed_24h", "carts_active_24h", "checkout_conversion_ratio", "users_active_5m"}) {
    r.Set(g, {}, 0);
  }
}

std::string BusinessMetrics::Method(const std::string& code) const {
  return methods_.contains(code) ? code : "other";
}

void BusinessMetrics::OnOrderEvent(db::UnitOfWork& uow, const orders::OrderEvent& event) {
  if (!event.order) return;  // stock.low: the low-stock gauge counts those
  const orders::Order& o = *event.order;
  const std::string method = Method(o.payment_method);
  Registry& r = d_.registry;
  std::string entered;
  if (event.kind == orders::kOrderPlaced) entered = std::string(orders::Name(orders::OrderStatus::kPending));
  if (event.kind == orders::kOrderStatusChanged) entered = event.to_status;
  bool payment_failed = false;
  if (entered == orders::Name(orders::OrderStatus::kCancelled)) {
    // A decline (at checkout or by webhook) writes its failed charge before cancelling; a
    // cancellation by the customer, staff or the reservation's expiry has none (an indexed read).
    auto row = uow.QueryOne(kFailedCharges, {o.id});
    payment_failed = row && row->Int(0) > 0;
  }
  const std::int64_t total = o.totals.total_amount;
  const std::string kind = event.kind;
  const std::int64_t amount = event.amount;
  uow.AfterCommit([&r, entered, method, total, kind, amount, payment_failed] {
    if (!entered.empty()) {
      r.Add("orders_total", {{"status", entered}, {"payment_method", method}});
      r.Add("orders_amount_total", {{"status", entered}, {"payment_method", method}}, static_cast<double>(total));
    }
    if (payment_failed) r.Add("payment_failures_total", {{"payment_method", method}});
    if (kind == orders::kOrderPaid) r.Add("orders_revenue_total", {{"payment_method", method}}, static_cast<double>(amount));
    if (kind == orders::kOrderRefunded) {
      r.Add("orders_refunded_amount_total", {{"payment_method", method}}, static_cast<double>(amount));
    }
  });
}

Result<void> BusinessMetrics::Refresh() {
  Registry& r = d_.registry;
  r.Set("users_active_5m", {}, static_cast<double>(active_users_.Count()));
  const search::EngineStatus index = d_.search.Status();
  r.Set("search_index_ready", {}, index.state == "ready" ? 1 : 0);
  if (index.pending_changes >= 0) r.Set("search_index_lag_changes", {}, static_cast<double>(index.pending_changes));
  if (index.seconds_since_sync >= 0) r.Set("search_index_seconds_since_sync", {}, index.seconds_since_sync);
  if (auto alerts = d_.inventory.RefreshOpenAlerts(); !alerts) return std::unexpected(alerts.error());
  return RefreshDatabaseFigures();
}

Result<void> BusinessMetrics::RefreshDatabaseFigures() {
  const auto now = d_.clock();
  const std::string now_sql = time::ToSql(now);
  const std::string day_ago = time::ToSql(now - std::chrono::hours(24));
  struct Figures {
    std::int64_t backlog = 0, running = 0, dead = 0, placed = 0, carts = 0;
    std::optional<std::string> oldest_due;
  };
  auto f = d_.db.Read([&](db::UnitOfWork& uow) -> Result<Figures> {
    Figures out;
    out.backlog = uow.QueryOne(kJobsBacklog, {now_sql})->Int(0);
    out.oldest_due = uow.QueryOne(kJobsOldestDue, {now_sql})->OptStr(0);
    out.running = uow.QueryOne(kJobsByStatus, {std::string(jobs::kRunning)})->Int(0);
    out.dead = uow.QueryOne(kJobsByStatus, {std::string(jobs::kDead)})->Int(0);
    out.placed = uow.QueryOne(kOrdersPlacedSince, {day_ago})->Int(0);
    out.carts = uow.QueryOne(kCartsActiveSince, {day_ago})->Int(0);
    return out;
  });
  if (!f) return std::unexpected(f.error());
  Registry& r = d_.registry;
  r.Set("jobs_backlog", {}, static_cast<double>(f->backlog));
  r.Set("jobs_running", {}, static_cast<double>(f->running));
  r.Set("jobs_dead", {}, static_cast<double>(f->dead));
  double waited = 0;
  if (f->oldest_due) {
    if (auto t = time::FromSql(*f->oldest_due)) {
      waited = std::max(0.0, std::chrono::duration<double>(now - *t).count());
    }
  }
  r.Set("jobs_oldest_due_seconds", {}, waited);
  r.Set("orders_placed_24h", {}, static_cast<double>(f->placed));
  r.Set("carts_active_24h", {}, static_cast<double>(f->carts));
  r.Set("checkout_conversion_ratio", {},
        f->carts > 0 ? static_cast<double>(f->placed) / static_cast<double>(f->carts) : 0.0);
  return {};
}

}  // namespace moderno::app
