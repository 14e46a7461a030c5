#include "app/app.hpp"

#include <sys/statvfs.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "accounts/http/routes.hpp"
#include "admin/http/routes.hpp"
#include "analytics/http/routes.hpp"
#include "app/openapi.hpp"
#include "app/placeholder.hpp"
#include "platform/schedule/lease.hpp"
#include "catalog/http/routes.hpp"
#include "cart/http/routes.hpp"
#include "inventory/http/routes.hpp"
#include "orders/http/routes.hpp"
#include "payments/http/routes.hpp"
#include "platform/db/migrate.hpp"
#include "platform/http/conditional.hpp"
#include "platform/http/problem.hpp"
#include "platform/log/log.hpp"
#include "platform/time/time.hpp"
#include "promotions/http/routes.hpp"
#include "reviews/http/routes.hpp"
#include "search/default_synonyms.hpp"
#include "search/http/routes.hpp"
#include "events/http/routes.hpp"
#include "events/redis_transport.hpp"
#include "pricing/http/routes.hpp"
#include "workflows/http/routes.hpp"

namespace moderno::app {

const char* const kVersion = MODERNO_VERSION;

namespace {
constexpr std::size_t kCacheEntries = 20000;
constexpr std::size_t kCacheBytes = 64 * 1024 * 1024;
}  // namespace

namespace {

// Signing secrets rolled out but still accepted (by kid): JWT_PREVIOUS_SECRETS, then the lines
// of <data-dir>/secrets/jwt_secret.previous.
std::vector<std::string> PreviousJwtSecrets(const config::Config& cfg) {
  std::vector<std::string> out = cfg.jwt_previous_secrets;
  std::ifstream in(cfg.data_dir + "/secrets/jwt_secret.previous");
  for (std::string line; std::getline(in, line);) {
    if (line.size() >= 32) out.push_back(line);
  }
  return out;
}

}  // namespace

App::App(config::Config cfg, Clocks clocks)
    : cfg_(std::move(cfg)),
      started_(std::chrono::steady_clock::now()),
      db_(std::make_unique<db::Database>(cfg_.database_url, cfg_.db_pool_size)),
      cache_(kCacheEntries, kCacheBytes),
      clocks_(std::move(clocks)) {
  if (!cfg_.database_replica_url.empty()) {
    db_->AttachReplica(db::ReplicaOptions{.url = cfg_.database_replica_url,
                                          .pool_size = cfg_.db_pool_size,
                                          .max_lag = std::chrono::seconds(cfg_.database_replica_max_lag_seconds),
                                          .fresh_window = std::chrono::seconds(cfg_.database_replica_fresh_seconds)});
  }
  if (!clocks_.steady) clocks_.steady = [] { return std::chrono::steady_clock::now(); };
  if (!clocks_.system) clocks_.system = [] { return std::chrono::system_clock::now(); };
  http::SetPublicCaching({cfg_.http_cache_max_age, cfg_.http_cache_stale_seconds});
  std::string jwt_secret;
  LoadSecrets(jwt_secret);
  ConnectRedis();
  jobs::QueueOptions job_options;
  job_options.workers = cfg_.jobs_workers;
  job_options.poll = std::chrono::milliseconds(cfg_.jobs_poll_ms);
  jobs_ = std::make_unique<jobs::Queue>(*db_, job_options, clocks_.system);
  // Email goes by SMTP when configured, otherwise into .eml files in the data dir.
  if (!cfg_.smtp_url.empty()) {
    mailer_ = std::make_unique<mail::SmtpMailer>(mail::SmtpOptions{.url = cfg_.smtp_url,
                                                                   .user = cfg_.smtp_user,
                                                                   .password = cfg_.smtp_password,
                                                                   .from = cfg_.mail_from,
                                                                   .require_tls = cfg_.smtp_require_tls});
  } else {
    mailer_ = std::make_unique<mail::FileMailer>(std::filesystem::path(cfg_.data_dir) / "mail", cfg_.mail_from);
  }
  accounts::AuthConfig auth_cfg;
  auth_cfg.jwt_secret = jwt_secret;
  auth_cfg.jwt_previous_secrets = PreviousJwtSecrets(cfg_);
  auth_cfg.public_url =
      cfg_.public_url.empty() ? "http://" + cfg_.host + ":" + std::to_string(cfg_.port) : cfg_.public_url;
  auth_cfg.two_factor.required_for_admins = cfg_.staff_2fa_required;
  auth_ = std::make_unique<accounts::AuthService>(*db_, *jobs_, *cipher_, auth_cfg, clocks_.system);
  two_factor_ = std::make_unique<accounts::TwoFactorService>(*db_, *cipher_, auth_cfg.two_factor, clocks_.system);
  users_admin_ = std::make_unique<accounts::UsersAdmin>(*db_, *auth_);
  profile_ = std::make_unique<accounts::profile::Service>(*db_, *cipher_);
  accounts_http_ = std::make_unique<accounts::HttpDeps>(accounts::HttpDeps{
      *auth_, *users_admin_, *profile_, *two_factor_,
      accounts::CookieSettings{.secure = cfg_.behind_tls, .max_age = auth_cfg.refresh_ttl, .public_origin = cfg_.public_url}});
  admin_http_ = std::make_unique<admin::HttpDeps>(admin::HttpDeps{*db_, *jobs_, clocks_.system});
  BuildCatalog();

  BuildOrderFlow();
  // Order emails are jobs enqueued by the notifier in the order's transaction.
  notifications::Settings notify_settings;
  notify_settings.brand.public_url = auth_cfg.public_url;
  notify_settings.staff_alert_email = cfg_.staff_alert_email;
  notifier_ = std::make_unique<notifications::Notifier>(*jobs_, *mailer_, *cipher_, notify_settings);
  notifier_->RegisterJobs();
  order_events_.Add(notifier_.get());
  // Dashboard rollups follow every order event in its transaction.
  rollups_ = std::make_unique<analytics::RollupSink>();
  order_events_.Add(rollups_.get());
  // Live events: committed order changes go to the hub, through a Redis stream every node reads
  // when Redis is configured, else in-process.
  std::unique_ptr<events::Transport> events_transport;
  if (redis_) {
    auto shared = std::make_unique<events::RedisTransport>(*redis_, cfg_.redis_prefix + "events",
                                                           static_cast<std::size_t>(cfg_.events_ring_size),
                                                           static_cast<std::size_t>(cfg_.events_ring_size));
    events_redis_ = shared.get();
    events_transport = std::move(shared);
  } else {
    events_transport = std::make_unique<events::LocalTransport>();
  }
  events_hub_ = std::make_unique<events::Hub>(
      events::HubOptions{.node_id = cfg_.events_node_id,
                         .ring_size = static_cast<std::size_t>(cfg_.events_ring_size),
                         .queue_size = static_cast<std::size_t>(cfg_.events_queue_size),
                         .max_per_user = cfg_.events_max_per_user,
                         .max_total = cfg_.events_max_total},
      std::move(events_transport));
  events_tickets_ = std::make_unique<events::TicketIssuer>(jwt_secret, std::chrono::seconds(60), clocks_.system);
  events_publisher_ = std::make_unique<events::OrderEventPublisher>(*events_hub_);
  order_events_.Add(events_publisher_.get());
  events_http_ = std::make_unique<events::HttpDeps>(events::HttpDeps{
      *events_hub_, *events_tickets_, std::chrono::milliseconds(cfg_.events_keepalive_ms),
      std::chrono::seconds(cfg_.events_max_age_s)});

  // Search: the node's own index in the data dir, following the change log. Every catalog
  // invalidation (admin writes, checkout, reviews) tells it that this process committed a
  // change. Cached search answers are stored without stock (filled in from the index's live
  // stock when served), so they are refreshed by index commits that change anything else they
  // show (answers filtered by stock also when a product goes in or out of stock) and dropped by
  // local catalog writes, not by stock moves; cached suggestions only by changes of names.
  search::EngineOptions search_opt;
  search_opt.dir = std::filesystem::path(cfg_.data_dir) / "search";
  search_opt.synonyms_file = cfg_.search_synonyms;
  search_opt.default_synonyms = DefaultSynonyms();
  // Index commits arrive often (every order somewhere): they refresh rather than drop, so a
  // popular answer is rendered again by one request while the others get the stale one.
  search_opt.on_applied = [this](const search::Applied& applied) {
    // Replica reads that refill these caches go to the primary until the replica has surely
    // applied the change (quantities alone may show the replica's lag until the next refresh).
    if (applied.results_changed || applied.stock_flipped) db_->ChangedData();
    if (applied.results_changed) cache_.Refresh(search::kCacheNamespace);
    if (applied.results_changed || applied.stock_flipped) cache_.Refresh(search::kInStockCacheNamespace);
    if (applied.names_changed) cache_.Refresh(search::kSuggestCacheNamespace);
    // The read model follows the same log (changes from any node): edited products moved in
    // place and set in or out of stock, their summaries read again (a rebuild after a taxonomy
    // change).
    if (applied.rebuilt) read_model_->CatalogChanged();
    else read_model_->ProductsChanged(applied.products, applied.read_at, applied.complete);
    cache_.Refresh(catalog::Service::kCacheNamespace);
  };
  search_engine_ = std::make_unique<search::Engine>(*db_, std::move(search_opt));
  auto edges = search::ParsePriceEdges(cfg_.search_price_buckets);  // validated by config
  search_ = std::make_unique<search::Service>(*catalog_, *search_engine_,
                                              search::Settings{edges ? *edges : std::vector<std::int64_t>{}});
  search_http_ = std::make_unique<search::HttpDeps>(
      search::HttpDeps{*search_, cache_, std::chrono::seconds(cfg_.cache_ttl_seconds)});
  catalog_->OnInvalidate([this](bool stock_only) {
    // A stock move reaches cached search answers through the live stock, and drops them when
    // the index sees a product go in or out of stock. Suggestions show names only: a stock
    // change keeps them (their in-stock ranking may lag until CACHE_TTL_SECONDS or the next
    // change of names).
    if (stock_only) read_model_->LocalStockWrite();
    else read_model_->LocalWrite();
    if (!stock_only) {
      cache_.Invalidate(search::kCacheNamespace);
      cache_.Invalidate(search::kInStockCacheNamespace);
      cache_.Invalidate(search::kSuggestCacheNamespace);
    }
    search_engine_->Notify();
  });
  catalog_->SetSearcher([this](const catalog::ProductQuery& q) { return search_->ForCatalog(q); });

  BuildOps();
  RegisterOpsRoutes();
  RegisterSystemRoutes();
  RegisterBackupRoutes(router_, *backups_, *db_);
  // Every domain registers its routes from its http/routes.cpp with its one HttpDeps.
  catalog::RegisterRoutes(router_, *catalog_http_);
  accounts::RegisterRoutes(router_, *accounts_http_);
  admin::RegisterRoutes(router_, *admin_http_);
  reviews::RegisterRoutes(router_, *reviews_http_);
  promotions::RegisterRoutes(router_, *promotions_http_);
  analytics::RegisterRoutes(router_, *analytics_http_);
  inventory::RegisterRoutes(router_, *inventory_http_);
  pricing::RegisterRoutes(router_, *pricing_http_);
  cart::RegisterRoutes(router_, *cart_http_);
  payments::RegisterRoutes(router_, *payments_http_);
  orders::RegisterRoutes(router_, *orders_http_);
  workflows::RegisterRoutes(router_, *workflows_http_);
  search::RegisterRoutes(router_, *search_http_);
  events::RegisterRoutes(router_, *events_http_);

  static_files_ = std::make_unique<http::StaticFiles>(cfg_.web_dist);
  http::PipelineOptions po;
  po.hsts = cfg_.behind_tls;
  // Webpay's payment form is reached by a form POST from our checkout page.
  if (!cfg_.webpay_commerce_code.empty()) {
    const std::string& base = cfg_.webpay_api_base;
    const auto host_end = base.find('/', base.find("://") == std::string::npos ? 0 : base.find("://") + 3);
    po.form_action_origins.push_back(base.substr(0, host_end));
  }
  po.trusted_proxies = *http::TrustedProxies::Parse(cfg_.trusted_proxies);  // validated by config
  po.rate_policies = cfg_.rate_limits;
  if (!cfg_.database_replica_url.empty()) po.read_your_writes_seconds = cfg_.database_replica_fresh_seconds;
  pipeline_ = std::make_unique<http::Pipeline>(router_, static_files_.get(), &metrics_, po);
  rate_limiter_ = std::make_unique<http::LocalRateLimiter>(clocks_.steady);
  pipeline_->SetRateLimiter(rate_limiter_.get());
  ShareThroughRedis();
  pipeline_->SetAuthenticator(activity_auth_.get());
  http::ServerOptions so;
  so.host = cfg_.host;
  so.port = cfg_.port;
  so.io_threads = cfg_.io_threads;
  so.workers = db_->pool_size();
  so.body_limit = cfg_.max_body_bytes;
  so.header_timeout = std::chrono::milliseconds(cfg_.http_header_timeout_ms);
  so.on_hangup = [] { log::ReopenFiles(); };
  server_ = std::make_unique<http::Server>(so, *pipeline_);

  metrics_.AddGauge("db_pool_in_use", "Database connections in use.",
                    [this] { return static_cast<double>(db_->Stats().in_use); });
  metrics_.AddGauge("db_pool_size", "Database connections in the pool.",
                    [this] { return static_cast<double>(db_->Stats().size); });
  if (!cfg_.database_replica_url.empty()) {
    metrics_.AddGauge("db_replica_lag_seconds", "How far the read replica is behind the primary (-1: unreachable).",
                      [this] { return db_->ReplicaState().lag_seconds; });
    metrics_.AddGauge("db_replica_healthy", "1 while the read replica serves reads, 0 while they go to the primary.",
                      [this] { return db_->ReplicaState().healthy ? 1.0 : 0.0; });
    metrics_.AddGauge("db_replica_reads", "Reads served by the replica since start.",
                      [this] { return static_cast<double>(db_->ReplicaState().reads); });
    metrics_.AddGauge("db_replica_fallbacks", "Replica reads that failed and went to the primary since start.",
                      [this] { return static_cast<double>(db_->ReplicaState().failures); });
  }
  metrics_.AddGauge("process_resident_memory_bytes", "Resident memory of this process.",
                    [] { return metrics::ProcessRssBytes(); });
  metrics_.AddGauge("events_streams_open", "Open live event streams on this node.",
                    [this] { return static_cast<double>(events_hub_->subscribers()); });
  metrics_.AddGauge("events_consumers_dropped_total", "Event streams dropped for falling behind.",
                    [this] { return static_cast<double>(events_hub_->dropped()); });
  metrics_.AddGauge("http_open_connections", "Open client connections.",
                    [this] { return static_cast<double>(server_->open_connections()); });
  metrics_.AddGauge("inventory_low_stock", "Open low-stock alerts (refreshed with the business gauges).",
                    [this] { return static_cast<double>(inventory_->open_alerts()); });
  metrics_.AddGauge("cache_entries", "Entries in the in-process cache.",
                    [this] { return static_cast<double>(cache_.entries()); });
  metrics_.AddGauge("cache_hits_total", "Cache hits since start.",
                    [this] { return static_cast<double>(cache_.hits()); });
  metrics_.AddGauge("cache_misses_total", "Cache misses since start.",
                    [this] { return static_cast<double>(cache_.misses()); });
  metrics_.AddGauge("catalog_read_model_products", "Visible products in the in-memory catalog read model.",
                    [this] { return static_cast<double>(read_model_->Products()); });
  metrics_.AddGauge("catalog_read_model_bytes", "Approximate heap size of the catalog read model.",
                    [this] { return static_cast<double>(read_model_->MemoryBytes()); });
  metrics_.AddGauge("catalog_summaries_bytes", "Approximate heap size of the product summaries in memory.",
                    [this] { return static_cast<double>(read_model_->SummaryBytes()); });
  metrics_.AddGauge("cache_hit_ratio", "Cache hits over lookups since start (0 before the first).", [this] {
    const double hits = static_cast<double>(cache_.hits()), misses = static_cast<double>(cache_.misses());
    return hits + misses > 0 ? hits / (hits + misses) : 0.0;
  });
  metrics_.AddGauge("cache_stale_hits_total", "Stale entries served while they were rendered again (included in hits).",
                    [this] { return static_cast<double>(cache_.stale_hits()); });
}

App::~App() {
  // Notices from other nodes call into the catalog and the queue: they stop first.
  if (bus_) bus_->Stop();
  // The periodic and scheduled tasks read the database, the index and the queue: they stop first.
  if (periodic_) periodic_->Stop();
  if (sweep_task_) sweep_task_->Stop();
  if (housekeeping_task_) housekeeping_task_->Stop();
  if (backups_) backups_->Stop();
  // Job handlers call into the services: the workers stop first.
  if (jobs_) jobs_->Stop();
  // The indexer thread calls back into the cache; it stops before anything it uses goes.
  if (search_engine_) search_engine_->Stop();
  if (read_model_) read_model_->Stop();
}

void App::StartBackground() {
  search_engine_->Start();
  if (cfg_.catalog_read_model) read_model_->Start();
  if (cfg_.jobs_workers > 0) jobs_->Start();
  if (!sweep_task_) {
    sweeper_ = std::make_unique<workflows::Sweeper>(*order_changes_);
    sweep_task_ = StartOncePerTick("reservation-sweep", cfg_.sweep_interval_seconds, [this] { return sweeper_->RunOnce(); });
    housekeeping_task_ = StartOncePerTick("housekeeping", cfg_.retention.interval_seconds, [this] {
      auto removed = housekeeper_->Run();
      if (!removed) log::Warn("housekeeping failed", {{"error", removed.error().internal}});
      return static_cast<bool>(removed);
    });
  }
  backups_->Start();
  periodic_->Start();
}

// A task run once per tick of `interval_seconds` across every node, under the lease `name`;
// each node's runs are counted in scheduled_task_runs_total{task}.
std::unique_ptr<schedule::ScheduledTask> App::StartOncePerTick(const std::string& name, int interval_seconds,
                                                               std::function<bool()> task) {
  const auto interval = std::chrono::seconds(interval_seconds);
  // Due ticks are looked for a few times per interval (a conditional update that matches no
  // row until the tick moves), at least every 5 s and at most every second.
  const auto poll = std::clamp<std::chrono::milliseconds>(interval / 4, std::chrono::seconds(1), std::chrono::seconds(5));
  // The lease outlives a run by a margin and is renewed at a third of it while the task runs.
  const auto ttl = std::max<std::chrono::seconds>(interval * 2, std::chrono::seconds(30));
  auto wrapped = [this, name, task = std::move(task)] {
    const bool ok = task();
    metrics_.Add("scheduled_task_runs_total", {{"task", name}}, 1);
    return ok;
  };
  auto t = std::make_unique<schedule::ScheduledTask>(*db_, name, NodeHolder(), schedule::Schedule{interval.count(), 0},
                                                     std::move(wrapped), poll, ttl);
  t->Start();
  return t;
}

void App::BuildOps() {
  std::vector<std::string> methods;
  for (const payments::Method& m : payments_->Methods()) methods.push_back(m.code);
  business_metrics_ = std::make_unique<BusinessMetrics>(
      BusinessMetricsDeps{metrics_, *db_, *jobs_, *search_engine_, *inventory_, clocks_.system, std::move(methods)});
  order_events_.Add(business_metrics_.get());
  activity_auth_ = std::make_unique<ActivityAuthenticator>(*auth_, business_metrics_->active_users());
  metrics_.CountResponses("user_registrations_total", "Accounts created (POST /api/v1/auth/register answered 201).",
                          "POST", "/api/v1/auth/register", 201);
  for (const char* step : {"/api/v1/auth/login", "/api/v1/auth/login/2fa"}) {
    metrics_.CountResponses("auth_login_failures_total", "Failed sign-ins (401 from either step of POST /api/v1/auth/login).",
                            "POST", step, 401);
  }
  // backup_last_success_timestamp_seconds (backups) and replica lag (db) are registered by
  // their own modules on this registry.
  periodic_ = std::make_unique<periodic::Runner>();
  periodic_->Add("business-metrics", std::chrono::seconds(cfg_.metrics_refresh_seconds),
                 [this] { return business_metrics_->Refresh(); });
  // The data dir's disk and the host's memory (a statvfs and /proc/meminfo, off the I/O threads).
  metrics_.Describe("data_dir_free_bytes", "Free bytes on the data directory's disk.", metrics::Registry::Type::kGauge);
  metrics_.Describe("data_dir_size_bytes", "Size of the data directory's disk.", metrics::Registry::Type::kGauge);
  metrics_.Describe("host_memory_available_bytes", "Memory available on the host.", metrics::Registry::Type::kGauge);
  metrics_.Describe("host_memory_total_bytes", "Memory of the host.", metrics::Registry::Type::kGauge);
  periodic_->Add("host-metrics", std::chrono::seconds(cfg_.metrics_refresh_seconds), [this]() -> Result<void> {
    const metrics::HostFigures h = metrics::ReadHost(cfg_.data_dir);
    metrics_.Set("data_dir_free_bytes", {}, h.dir_free);
    metrics_.Set("data_dir_size_bytes", {}, h.dir_size);
    metrics_.Set("host_memory_available_bytes", {}, h.memory_available);
    metrics_.Set("host_memory_total_bytes", {}, h.memory_total);
    return {};
  });
  // Housekeeping runs once per tick across every node (StartBackground).
  housekeeper_ = std::make_unique<Housekeeper>(*db_, metrics_, cfg_, clocks_.system);
  metrics_.Describe("scheduled_task_runs_total", "Runs of each once-per-tick task on this node.",
                    metrics::Registry::Type::kCounter);
  backups_ = std::make_unique<Backups>(cfg_, *db_, *jobs_, metrics_, kVersion);
}

void App::BuildCatalog() {
  catalog_ = std::make_unique<catalog::Service>(*db_, cache_);
  read_model_ = std::make_unique<catalog::ReadModel>(*db_);
  if (cfg_.catalog_read_model) catalog_->SetReadModel(read_model_.get());
  catalog_admin_ = std::make_unique<catalog::AdminService>(*db_, *catalog_);
  images_ = std::make_unique<catalog::images::ImageService>(*db_, *catalog_, *jobs_,
                                                            std::filesystem::path(cfg_.data_dir) / "media");
  catalog_io_ = std::make_unique<catalog::io::CatalogIo>(*db_, *catalog_, clocks_.system);
  catalog_http_ = std::make_unique<catalog::HttpDeps>(catalog::HttpDeps{
      *catalog_, *catalog_admin_, *images_, *catalog_io_, *db_, *jobs_, cache_,
      std::chrono::seconds(cfg_.cache_ttl_seconds), std::filesystem::path(cfg_.data_dir) / "imports"});
  // Reviews change products' ratings: the catalog's cached answers are dropped.
  reviews_ = std::make_unique<reviews::Service>(*db_, [this] { catalog_->Invalidate(); });
  reviews_http_ = std::make_unique<reviews::HttpDeps>(reviews::HttpDeps{*reviews_});
  coupons_ = std::make_unique<promotions::CouponAdmin>(*db_);
  promotions_http_ = std::make_unique<promotions::HttpDeps>(promotions::HttpDeps{*coupons_});
  analytics_ = std::make_unique<analytics::Service>(*db_, clocks_.system);
  exports_ = std::make_unique<analytics::ExportFiles>(std::filesystem::path(cfg_.data_dir) / "exports");
  analytics_http_ = std::make_unique<analytics::HttpDeps>(
      analytics::HttpDeps{*db_, *analytics_, *exports_, *jobs_, clocks_.system});
}

void App::BuildOrderFlow() {
  const pricing::Settings prices{cfg_.currency, cfg_.tax_rate_percent, cfg_.prices_include_tax};
  // Staff stock changes drop the catalog's cached answers; checkout's stock moves refresh only stock.
  inventory_ = std::make_unique<inventory::Service>(*db_, [this] { catalog_->Invalidate(); });
  inventory_http_ = std::make_unique<inventory::HttpDeps>(inventory::HttpDeps{*inventory_});
  pricing_http_ = std::make_unique<pricing::HttpDeps>(pricing::HttpDeps{*db_, prices});
  carts_ = std::make_unique<cart::Service>(*db_, prices, clocks_.system);
  cart_http_ = std::make_unique<cart::HttpDeps>(cart::HttpDeps{*carts_});
  payments_ = std::make_unique<payments::Providers>(payments::Settings{
      cfg_.payments_sandbox, cfg_.stripe_api_base, cfg_.stripe_secret_key, cfg_.stripe_webhook_secret,
      cfg_.webpay_api_base, cfg_.webpay_commerce_code, cfg_.webpay_api_key});
  orders_ = std::make_unique<orders::Service>(*db_, *cipher_);
  orders_http_ = std::make_unique<orders::HttpDeps>(orders::HttpDeps{*orders_});
  idempotency_ = std::make_unique<http::IdempotencyStore>(*db_, clocks_.system);
  workflow_deps_ = std::make_unique<workflows::Deps>(workflows::Deps{.db = *db_,
                                                                     .cipher = *cipher_,
                                                                     .carts = *carts_,
                                                                     .providers = *payments_,
                                                                     .sinks = order_events_,
                                                                     .idempotency = *idempotency_,
                                                                     .pricing = prices,
                                                                     .reservation_ttl_minutes = cfg_.reservation_ttl_minutes,
                                                                     .clock = clocks_.system,
                                                                     .stock_changed = [this] { catalog_->InvalidateStock(); },
                                                                     .public_url = [this] { return PublicUrl(); }});
  place_order_ = std::make_unique<workflows::PlaceOrder>(*workflow_deps_);
  order_changes_ = std::make_unique<workflows::OrderChanges>(*workflow_deps_);
  workflows_http_ = std::make_unique<workflows::HttpDeps>(workflows::HttpDeps{*place_order_, *order_changes_, *idempotency_});
  payments_http_ = std::make_unique<payments::HttpDeps>(payments::HttpDeps{
      *payments_, cfg_.stripe_webhook_secret, clocks_.system,
      [this](const payments::ProviderEvent& e) { return order_changes_->ApplyProviderEvent(e); }});
}

void App::LoadSecrets(std::string& jwt_secret) {
  // Configured secrets win; the embedded default keeps generated ones in the data dir (0600),
  // so tokens and encrypted data survive restarts. Production refuses to start without them
  // (config validation).
  const std::string dir = cfg_.data_dir + "/secrets";
  jwt_secret = cfg_.jwt_secret;
  if (jwt_secret.empty()) {
    auto s = crypto::LoadOrCreateSecret(dir + "/jwt_secret", [] { return crypto::RandomToken(48); });
    if (!s) throw std::runtime_error("JWT secret: " + s.error().internal);
    jwt_secret = *s;
  }
  std::string key = cfg_.encryption_key;
  if (key.empty()) {
    auto s = crypto::LoadOrCreateSecret(dir + "/encryption_key", &crypto::Cipher::NewBase64Key);
    if (!s) throw std::runtime_error("encryption key: " + s.error().internal);
    key = *s;
  }
  auto cipher = crypto::Cipher::FromBase64Key(key);
  if (!cipher) throw std::runtime_error("ENCRYPTION_KEY: " + cipher.error().detail);
  cipher_ = std::make_unique<crypto::Cipher>(*cipher);
}

void App::RegisterOpsRoutes() {
  router_.Add(
      "GET", "/health",
      [this](http::Request&) {
        const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::steady_clock::now() - started_)
                                .count();
        // The seed's fields (status "healthy", timestamp) and ours (version, uptime).
        return http::JsonResponse(
            200, boost::json::serialize(boost::json::object{
                     {"status", "healthy"},
                     {"timestamp", time::IsoFromSql(time::ToSql(clocks_.system()))},
                     {"version", kVersion},
                     {"uptime_seconds", uptime}}));
      },
      {.runs = http::Runs::kInline, .rate_class = "none"});

  router_.Add("GET", "/health/detailed", [this](http::Request&) {
    boost::json::object checks;
    bool healthy = true;
    // Database: a real round trip, timed.
    const auto t0 = std::chrono::steady_clock::now();
    auto ping = db_->Read([](db::UnitOfWork& uow) -> Result<std::int64_t> {
      return uow.QueryOne("SELECT 1")->Int(0);
    });
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    auto version = db::CurrentVersion(*db_);
    checks["database"] = {{"status", ping ? "ok" : "error"},
                          {"dialect", db_->dialect() == db::Dialect::kSqlite ? "sqlite" : "mysql"},
                          {"round_trip_ms", static_cast<double>(std::llround(ms * 1000)) / 1000},
                          {"schema_version", version ? *version : -1}};
    if (!ping) {
      healthy = false;
      log::Error("health check: database", {{"error", ping.error().internal}});
    }
    // Disk: the data dir must have room for the database and uploads to grow.
    struct statvfs fs{};
    constexpr double kMinFreeBytes = 100.0 * 1024 * 1024;
    double free_bytes = -1;
    if (statvfs(cfg_.data_dir.c_str(), &fs) == 0) {
      free_bytes = static_cast<double>(fs.f_bavail) * static_cast<double>(fs.f_frsize);
    }
    const bool disk_ok = free_bytes >= kMinFreeBytes;
    healthy = healthy && disk_ok;
    checks["disk"] = {{"status", disk_ok ? "ok" : "error"},
                      {"path", cfg_.data_dir},
                      {"free_bytes", static_cast<std::int64_t>(free_bytes)}};
    const db::PoolStats pool = db_->Stats();
    checks["db_pool"] = {{"status", "ok"},
                         {"size", pool.size},
                         {"in_use", pool.in_use},
                         {"waiting", pool.waiting}};
    if (const db::ReplicaStatus replica = db_->ReplicaState(); replica.configured) {
      // A replica out of use does not make the node unhealthy: its reads go to the primary.
      checks["database_replica"] = {{"status", replica.healthy ? "ok" : "warning"},
                                    {"in_use", replica.healthy},
                                    {"lag_seconds", replica.lag_seconds < 0 ? boost::json::value(nullptr)
                                                                            : boost::json::value(std::llround(replica.lag_seconds * 1000) / 1000.0)},
                                    {"max_lag_seconds", replica.max_lag_seconds},
                                    {"reads", replica.reads},
                                    {"fallbacks", replica.failures},
                                    {"detail", replica.detail}};
    }
    checks["memory"] = {{"status", "ok"},
                        {"rss_bytes", static_cast<std::int64_t>(metrics::ProcessRssBytes())}};
    // Search: the index's size and how far it is behind the change log. A node whose index
    // failed is unhealthy; one still building it is not (search answers 503 meanwhile).
    const search::EngineStatus index = search_engine_->Status();
    const bool search_ok = index.state != "error";
    healthy = healthy && search_ok;
    boost::json::object search_check{{"status", search_ok ? "ok" : "error"},
                                     {"index", index.state},
                                     {"documents", index.documents},
                                     {"applied_change_id", index.applied_change_id},
                                     {"lag_changes", index.pending_changes},
                                     {"seconds_since_sync", index.seconds_since_sync < 0
                                                                ? boost::json::value(nullptr)
                                                                : boost::json::value(std::llround(index.seconds_since_sync * 1000) / 1000.0)}};
    if (!index.detail.empty()) search_check["detail"] = index.detail;
    checks["search"] = std::move(search_check);
    // The catalog read model (listings without SQL): how many products, its size, current or not.
    checks["catalog_read_model"] = boost::json::object{
        {"status", "ok"},
        {"enabled", cfg_.catalog_read_model},
        {"current", cfg_.catalog_read_model && read_model_->Current()},
        {"products", static_cast<std::int64_t>(read_model_->Products())},
        {"bytes", static_cast<std::int64_t>(read_model_->MemoryBytes())},
        {"summary_bytes", static_cast<std::int64_t>(read_model_->SummaryBytes())}};
    // Jobs: the queue by status; dead jobs need staff attention but do not make the node unhealthy.
    if (auto counts = jobs_->Counts()) {
      boost::json::object jobs_check{{"status", "ok"}};
      for (const auto& [status, n] : *counts) jobs_check[status] = n;
      checks["jobs"] = std::move(jobs_check);
    } else {
      checks["jobs"] = {{"status", "error"}};
    }
    // Redis: a node without it still sells (degraded, not unhealthy).
    bool degraded = false;
    checks["redis"] = RedisHealth(degraded);
    const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::steady_clock::now() - started_)
                            .count();
    return http::JsonResponse(healthy ? 200 : 503,
                              boost::json::serialize(boost::json::object{
                                  {"status", !healthy ? "unhealthy" : degraded ? "degraded" : "healthy"},
                                  {"timestamp", time::IsoFromSql(time::ToSql(clocks_.system()))},
                                  {"version", kVersion},
                                  {"uptime_seconds", uptime},
                                  {"checks", checks}}));
  });

  router_.Add(
      "GET", "/metrics",
      [this](http::Request&) {
        return http::TextResponse(200, metrics_.Render(), "text/plain; version=0.0.4; charset=utf-8");
      },
      {.runs = http::Runs::kInline, .rate_class = "none"});

  router_.Add(
      "GET", "/media/placeholder/{name}",
      [](http::Request& req) {
        auto svg = PlaceholderSvg(req.Param("name"));
        if (!svg) return http::Problem(svg.error(), req);
        http::Response r = http::TextResponse(200, std::move(*svg), "image/svg+xml");
        r.Set("Cache-Control", "public, max-age=86400");
        return r;
      },
      {.runs = http::Runs::kInline, .rate_class = "none"});

  router_.Add(
      "GET", "/api/v1/openapi.json",
      [](http::Request&) { return http::JsonResponse(200, std::string(OpenApiJson())); },
      {.runs = http::Runs::kInline});
}

std::uint16_t App::Listen() {
  server_->Listen();
  return server_->port();
}

std::string App::PublicUrl() const {
  if (!cfg_.public_url.empty()) return cfg_.public_url;
  // Without PUBLIC_URL: this node's own address (the port it listens on, once it does).
  const std::uint16_t port = server_ ? server_->port() : cfg_.port;
  return "http://" + cfg_.host + ":" + std::to_string(port ? port : cfg_.port);
}

void App::Run(bool handle_signals) { server_->Run(handle_signals); }

void App::Stop() { server_->Stop(); }

}  // namespace moderno::app
