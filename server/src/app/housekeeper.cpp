#include "app/housekeeper.hpp"

#include "platform/log/log.hpp"

namespace moderno::app {

namespace {
std::chrono::seconds Days(int n) { return std::chrono::hours(24 * n); }
}  // namespace

Housekeeper::Housekeeper(db::Database& db, metrics::Registry& registry, const config::Config& cfg,
                         time::SystemClock clock)
    : db_(db), registry_(registry), clock_(std::move(clock)) {
  const auto& r = cfg.retention;
  tables_ = {
      // Refresh tokens (used, revoked or not) are worthless once expired; reuse detection only
      // needs a family's tokens while they could still be presented.
      {"refresh_tokens", "refresh_tokens", "id", false, "expires_at < ?", Days(r.tokens_after_expiry_days)},
      {"revoked_tokens", "revoked_tokens", "jti", true, "expires_at < ?", Days(r.tokens_after_expiry_days)},
      {"email_tokens", "email_tokens", "id", false, "expires_at < ?", Days(r.email_tokens_after_expiry_days)},
      {"login_attempts", "login_attempts", "id", false, "created_at < ?", Days(r.login_attempts_days)},
      // Guest carts only (a signed-in customer's cart is theirs); their lines go by cascade.
      {"guest_carts", "carts", "id", false, "user_id IS NULL AND updated_at < ?", Days(r.guest_carts_days)},
      {"done_jobs", "jobs", "id", false, "status = 'done' AND finished_at < ?", Days(r.done_jobs_days)},
      {"dead_jobs", "jobs", "id", false, "status = 'dead' AND updated_at < ?", Days(r.dead_jobs_days)},
  };
  files_ = {{"report_exports", std::filesystem::path(cfg.data_dir) / "exports", Days(r.exports_days)}};
  registry_.Describe("housekeeping_rows_deleted_total", "Rows (and report files) removed by housekeeping, by table.",
                     metrics::Registry::Type::kCounter);
  for (const auto& t : tables_) registry_.Zero("housekeeping_rows_deleted_total", {{"table", t.name}});
  for (const auto& f : files_) registry_.Zero("housekeeping_rows_deleted_total", {{"table", f.name}});
  registry_.Describe("housekeeping_last_success_timestamp_seconds", "When housekeeping last completed (unix seconds).",
                     metrics::Registry::Type::kGauge);
  registry_.Set("housekeeping_last_success_timestamp_seconds", {}, 0);
}

std::vector<std::pair<std::string, int>> Housekeeper::Retention() const {
  std::vector<std::pair<std::string, int>> out;
  auto days = [](std::chrono::seconds keep) { return static_cast<int>(keep.count() / 86400); };
  for (const auto& t : tables_) out.emplace_back(t.name, days(t.keep));
  for (const auto& f : files_) out.emplace_back(f.name, days(f.keep));
  return out;
}

Result<housekeeping::Removed> Housekeeper::Run() {
  const auto now = clock_();
  auto removed = housekeeping::Sweep(db_, tables_, files_, now, {},
                                     [this](const std::string& name, std::int64_t n) {
                                       registry_.Add("housekeeping_rows_deleted_total", {{"table", name}},
                                                     static_cast<double>(n));
                                     });
  if (!removed) return removed;
  registry_.Set("housekeeping_last_success_timestamp_seconds", {}, static_cast<double>(time::UnixSeconds(now)));
  std::int64_t total = 0;
  for (const auto& [name, n] : *removed) total += n;
  if (total > 0) log::Info("housekeeping removed old rows", {{"rows", static_cast<long long>(total)}});
  return removed;
}

}  // namespace moderno::app
