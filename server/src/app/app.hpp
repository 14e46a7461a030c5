#pragma once
// Builds the running shop from a configuration: database pool, cache, metrics, domains, routes,
// pipeline and server. main.cpp and the HTTP tests both use it.
#include <chrono>
#include <functional>
#include <memory>

#include <boost/json/object.hpp>

#include "accounts/admin/service.hpp"
#include "accounts/auth_service.hpp"
#include "accounts/http/handlers.hpp"
#include "analytics/rollups.hpp"
#include "app/business_metrics.hpp"
#include "app/backups.hpp"
#include "app/housekeeper.hpp"
#include "admin/http/handlers.hpp"
#include "analytics/http/handlers.hpp"
#include "catalog/http/handlers.hpp"
#include "promotions/http/handlers.hpp"
#include "reviews/http/handlers.hpp"
#include "accounts/profile/service.hpp"
#include "catalog/service.hpp"
#include "events/hub.hpp"
#include "events/order_events.hpp"
#include "events/http/routes.hpp"
#include "events/tickets.hpp"
#include "notifications/service.hpp"
#include "cart/http/handlers.hpp"
#include "cart/service.hpp"
#include "inventory/http/handlers.hpp"
#include "inventory/service.hpp"
#include "orders/events.hpp"
#include "orders/http/handlers.hpp"
#include "orders/service.hpp"
#include "payments/http/handlers.hpp"
#include "payments/providers.hpp"
#include "platform/http/idempotency.hpp"
#include "pricing/http/routes.hpp"
#include "workflows/deps.hpp"
#include "workflows/http/handlers.hpp"
#include "workflows/order_changes.hpp"
#include "workflows/place_order.hpp"
#include "workflows/sweeper.hpp"
#include "platform/cache/cache.hpp"
#include "platform/config/config.hpp"
#include "platform/db/db.hpp"
#include "platform/http/pipeline.hpp"
#include "platform/http/rate_limit.hpp"
#include "platform/http/router.hpp"
#include "platform/http/server.hpp"
#include "platform/http/static_files.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/mail/mailer.hpp"
#include "platform/metrics/metrics.hpp"
#include "platform/periodic/periodic.hpp"
#include "platform/redis/bus.hpp"
#include "platform/redis/client.hpp"
#include "platform/redis/rate_limiter.hpp"
#include "search/engine.hpp"
#include "search/http/handlers.hpp"
#include "search/service.hpp"

namespace moderno::schedule {
class ScheduledTask;
}  // namespace moderno::schedule

namespace moderno::events {
class RedisTransport;
}  // namespace moderno::events

namespace moderno::app {

// The version printed by --version and /health.
extern const char* const kVersion;

// Clocks the app reads, replaceable in tests (lockouts and rate limits without sleeping).
struct Clocks {
  std::function<std::chrono::steady_clock::time_point()> steady;
  std::function<std::chrono::system_clock::time_point()> system;
};

class App {
 public:
  // Opens the database (throws db::DbError when it cannot) and wires everything.
  explicit App(config::Config cfg, Clocks clocks = {});
  ~App();

  // The router, so tests can add routes of their own before Listen.
  http::Router& router() { return router_; }
  db::Database& db() { return *db_; }
  cache::Cache& cache() { return cache_; }
  catalog::Service& catalog() { return *catalog_; }
  catalog::ReadModel& read_model() { return *read_model_; }
  accounts::AuthService& auth() { return *auth_; }
  const crypto::Cipher& cipher() const { return *cipher_; }
  const config::Config& config() const { return cfg_; }
  orders::Service& orders() { return *orders_; }
  // The order workflows after checkout (status, payments, refunds, expiry).
  workflows::OrderChanges& order_changes() { return *order_changes_; }
  // Listeners of order and stock events; register before serving.
  orders::EventSinks& order_events() { return order_events_; }
  // The payment methods and gateways (tests replace the Stripe gateway).
  payments::Providers& payments() { return *payments_; }
  inventory::Service& inventory() { return *inventory_; }
  search::Engine& search() { return *search_engine_; }
  // The live events hub (Server-Sent Events).
  events::Hub& events() { return *events_hub_; }
  // The durable job queue; domains register their job kinds on it while the app is built.
  jobs::Queue& jobs() { return *jobs_; }
  // The /metrics registry.
  metrics::Registry& metrics() { return metrics_; }
  // The Redis client shared by the nodes (REDIS_URL), or nullptr on a single node.
  redis::Client* redis() { return redis_.get(); }
  // Notices between nodes over Redis, or nullptr on a single node.
  redis::Bus* bus() { return bus_.get(); }
  // Refreshes the business gauges now (the periodic task does every METRICS_REFRESH_SECONDS).
  Result<void> RefreshMetrics() { return business_metrics_->Refresh(); }
  // Deletes what outlived its retention (the periodic task; tests call it with a moved clock).
  Housekeeper& housekeeper() { return *housekeeper_; }

  // Starts background work (the reservation sweeper, the search indexer, the job workers);
  // `serve` calls it, tests may not (without it the search index is opened and updated by
  // searches, and jobs run when a test calls jobs().RunDue()).
  void StartBackground();
  // Binds the listening socket; returns the port.
  std::uint16_t Listen();
  // Serves until Stop() (or SIGINT/SIGTERM when handle_signals).
  void Run(bool handle_signals);
  void Stop();
  // The shop's public address: PUBLIC_URL, else this node's own http://HOST:PORT.
  std::string PublicUrl() const;

 private:
  void RegisterOpsRoutes();
  // GET /api/v1/admin/system (system_status.cpp).
  void RegisterSystemRoutes();
  std::unique_ptr<schedule::ScheduledTask> StartOncePerTick(const std::string& name, int interval_seconds,
                                                            std::function<bool()> task);
  // Builds the catalog (public, staff, images, CSV), reviews, coupons and analytics.
  void BuildCatalog();
  // Builds inventory, pricing, carts, payments, orders and the order workflows.
  void BuildOrderFlow();
  void LoadSecrets(std::string& jwt_secret);
  // REDIS_URL: the client, before anything that shares state through it.
  void ConnectRedis();
  // Shares rate limits, tickets, cache invalidation and job wake-ups through Redis (redis.cpp).
  void ShareThroughRedis();
  // The "redis" entry of /health/detailed; `degraded` when configured and not working.
  boost::json::object RedisHealth(bool& degraded) const;

  config::Config cfg_;
  std::chrono::steady_clock::time_point started_;
  std::unique_ptr<db::Database> db_;
  metrics::Registry metrics_;
  cache::Cache cache_;
  // Redis (REDIS_URL): outlives everything that talks through it.
  std::unique_ptr<redis::Client> redis_;
  std::unique_ptr<crypto::Cipher> cipher_;
  std::unique_ptr<mail::Mailer> mailer_;
  std::unique_ptr<notifications::Notifier> notifier_;
  std::unique_ptr<analytics::RollupSink> rollups_;
  std::unique_ptr<accounts::AuthService> auth_;
  std::unique_ptr<accounts::TwoFactorService> two_factor_;
  std::unique_ptr<accounts::UsersAdmin> users_admin_;
  std::unique_ptr<accounts::profile::Service> profile_;
  std::unique_ptr<accounts::HttpDeps> accounts_http_;
  std::unique_ptr<admin::HttpDeps> admin_http_;
  std::unique_ptr<catalog::Service> catalog_;
  std::unique_ptr<catalog::ReadModel> read_model_;
  std::unique_ptr<catalog::AdminService> catalog_admin_;
  std::unique_ptr<catalog::images::ImageService> images_;
  std::unique_ptr<catalog::io::CatalogIo> catalog_io_;
  std::unique_ptr<catalog::HttpDeps> catalog_http_;
  std::unique_ptr<reviews::Service> reviews_;
  std::unique_ptr<reviews::HttpDeps> reviews_http_;
  std::unique_ptr<promotions::CouponAdmin> coupons_;
  std::unique_ptr<promotions::HttpDeps> promotions_http_;
  std::unique_ptr<analytics::Service> analytics_;
  std::unique_ptr<analytics::ExportFiles> exports_;
  std::unique_ptr<analytics::HttpDeps> analytics_http_;
  // The order flow: inventory, pricing, carts, payments, orders and the workflows spanning them.
  std::unique_ptr<inventory::Service> inventory_;
  std::unique_ptr<inventory::HttpDeps> inventory_http_;
  std::unique_ptr<pricing::HttpDeps> pricing_http_;
  std::unique_ptr<cart::Service> carts_;
  std::unique_ptr<cart::HttpDeps> cart_http_;
  std::unique_ptr<payments::Providers> payments_;
  std::unique_ptr<payments::HttpDeps> payments_http_;
  std::unique_ptr<orders::Service> orders_;
  std::unique_ptr<orders::HttpDeps> orders_http_;
  orders::EventSinks order_events_;
  std::unique_ptr<http::IdempotencyStore> idempotency_;
  std::unique_ptr<workflows::Deps> workflow_deps_;
  std::unique_ptr<workflows::PlaceOrder> place_order_;
  std::unique_ptr<workflows::OrderChanges> order_changes_;
  std::unique_ptr<workflows::HttpDeps> workflows_http_;
  std::unique_ptr<search::Engine> search_engine_;
  std::unique_ptr<search::Service> search_;
  std::unique_ptr<search::HttpDeps> search_http_;
  // Live events: before the server, which streams from the hub.
  std::unique_ptr<events::Hub> events_hub_;
  std::unique_ptr<events::TicketIssuer> events_tickets_;
  std::unique_ptr<events::OrderEventPublisher> events_publisher_;
  std::unique_ptr<events::HttpDeps> events_http_;
  http::Router router_;
  std::unique_ptr<http::StaticFiles> static_files_;
  Clocks clocks_;
  std::unique_ptr<http::LocalRateLimiter> rate_limiter_;
  std::unique_ptr<redis::RateLimiter> shared_rate_limiter_;  // with Redis, over rate_limiter_
  events::RedisTransport* events_redis_ = nullptr;            // owned by the hub, with Redis
  std::unique_ptr<redis::Bus> bus_;                           // stopped first in ~App
  std::unique_ptr<http::Pipeline> pipeline_;
  std::unique_ptr<http::Server> server_;
  // Business figures on /metrics, and the periodic tasks (business gauges, housekeeping).
  std::unique_ptr<BusinessMetrics> business_metrics_;
  std::unique_ptr<ActivityAuthenticator> activity_auth_;
  std::unique_ptr<Housekeeper> housekeeper_;
  std::unique_ptr<periodic::Runner> periodic_;
  void BuildOps();
  // Last: stopped first, before the services they call go away.
  std::unique_ptr<jobs::Queue> jobs_;
  std::unique_ptr<workflows::Sweeper> sweeper_;
  // Once per tick across every node, each under its lease (platform/schedule): the reservation
  // sweep (SWEEP_INTERVAL_SECONDS) and housekeeping (HOUSEKEEPING_INTERVAL_SECONDS).
  std::unique_ptr<schedule::ScheduledTask> sweep_task_;
  std::unique_ptr<schedule::ScheduledTask> housekeeping_task_;
  std::unique_ptr<Backups> backups_;  // scheduled and asked-for backups (app/backups.hpp)
};

}  // namespace moderno::app
