#pragma once
// Configuration, highest precedence first: command-line flags, environment, then an optional
// .env file (in the working directory or the data dir). Invalid values stop the program with
// one line naming the setting.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/error.hpp"
#include "platform/http/auth.hpp"

namespace moderno::config {

struct Config {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string data_dir = "./data";
  std::string database_url;  // default: sqlite:<data_dir>/moderno.db
  // DATABASE_REPLICA_URL: a MariaDB replica of the primary for catalog, search and report reads.
  std::string database_replica_url;
  int database_replica_max_lag_seconds = 30;  // DATABASE_REPLICA_MAX_LAG_SECONDS: further behind, bypassed
  // DATABASE_REPLICA_FRESH_SECONDS: after a write, the client's reads (and after a catalog
  // change, every replica read) stay on the primary this long (plus the replica's lag).
  int database_replica_fresh_seconds = 2;
  std::string log_level = "info";
  std::string web_dist = "web/dist";
  int db_pool_size = 4;
  int io_threads = 1;
  std::size_t max_body_bytes = 1 << 20;
  int http_header_timeout_ms = 10000;  // HTTP_HEADER_TIMEOUT_MS: a request's first byte to its last header
  bool behind_tls = false;  // HSTS
  int cache_ttl_seconds = 60;
  bool catalog_read_model = true;   // CATALOG_READ_MODEL=off: listings always from SQL (benchmarks)
  int http_cache_max_age = 10;       // HTTP_CACHE_MAX_AGE: Cache-Control max-age of public reads
  int http_cache_stale_seconds = 30;  // HTTP_CACHE_STALE_SECONDS: their stale-while-revalidate
  std::string env = "development";  // or production
  // Rate limits by route class ("auth", "search", "general", "admin"); absent = unlimited.
  std::map<std::string, http::RatePolicy> rate_limits;
  std::string trusted_proxies;  // TRUSTED_PROXIES, validated
  std::string jwt_secret;       // JWT_SECRET; generated into the data dir when empty (not in production)
  // JWT_PREVIOUS_SECRETS: comma-separated secrets rolled out, whose tokens (by kid) stay valid
  // until they expire; also <data-dir>/secrets/jwt_secret.previous, one per line.
  std::vector<std::string> jwt_previous_secrets;
  std::string encryption_key;   // ENCRYPTION_KEY (base64, 32 bytes); likewise
  // Orders and payments.
  std::string currency = "CLP";           // CURRENCY
  int tax_rate_percent = 19;              // TAX_RATE_PERCENT (IVA)
  bool prices_include_tax = true;         // PRICES_INCLUDE_TAX (Chilean retail prices do)
  int reservation_ttl_minutes = 15;       // RESERVATION_TTL_MINUTES: unpaid card orders
  int sweep_interval_seconds = 30;        // SWEEP_INTERVAL_SECONDS: expiry sweeper period
  int metrics_refresh_seconds = 15;       // METRICS_REFRESH_SECONDS: business gauges on /metrics
  // Housekeeping: how long what grows is kept (days), and how often it is swept.
  struct Retention {
    int interval_seconds = 3600;       // HOUSEKEEPING_INTERVAL_SECONDS
    int tokens_after_expiry_days = 1;  // RETENTION_TOKENS_DAYS: refresh tokens and revoked access tokens
    int email_tokens_after_expiry_days = 7;  // RETENTION_EMAIL_TOKENS_DAYS
    int login_attempts_days = 30;      // RETENTION_LOGIN_ATTEMPTS_DAYS
    int guest_carts_days = 30;         // RETENTION_GUEST_CARTS_DAYS: since the cart last changed
    int done_jobs_days = 14;           // RETENTION_DONE_JOBS_DAYS
    int dead_jobs_days = 90;           // RETENTION_DEAD_JOBS_DAYS
    int exports_days = 7;              // RETENTION_EXPORTS_DAYS: report files
  } retention;
  // Durable jobs.
  int jobs_workers = 1;                   // JOBS_WORKERS: worker threads of this node (0: none)
  int jobs_poll_ms = 1000;                // JOBS_POLL_MS: idle poll for other nodes' jobs
  bool payments_sandbox = true;           // PAYMENTS_SANDBOX: test-mode card payments (never in production)
  std::string stripe_secret_key;          // STRIPE_SECRET_KEY: enables Stripe
  std::string stripe_api_base = "https://api.stripe.com";  // STRIPE_API_BASE
  std::string stripe_webhook_secret;      // STRIPE_WEBHOOK_SECRET
  std::string webpay_api_base = "https://webpay3gint.transbank.cl";  // WEBPAY_API_BASE (integration by default)
  std::string webpay_commerce_code;       // WEBPAY_COMMERCE_CODE: with WEBPAY_API_KEY enables Webpay Plus
  std::string webpay_api_key;             // WEBPAY_API_KEY (never logged)
  // Email: SMTP when SMTP_URL is set, otherwise .eml files in <data_dir>/mail.
  std::string smtp_url;                   // SMTP_URL: smtp://host:587 (STARTTLS) or smtps://host:465
  std::string smtp_user;                  // SMTP_USER
  std::string smtp_password;              // SMTP_PASSWORD (never logged)
  bool smtp_require_tls = false;          // SMTP_STARTTLS=required (default: opportunistic)
  std::string mail_from = "eCommerce Moderno <no-reply@moderno.local>";  // MAIL_FROM
  std::string public_url;                 // PUBLIC_URL: links in emails (default http://HOST:PORT)
  bool staff_2fa_required = false;        // STAFF_2FA=required: admins must use two-factor sign-in
  std::string staff_alert_email;          // STAFF_ALERT_EMAIL: low-stock alerts (default: admins)
  // Live events (Server-Sent Events, GET /api/v1/events).
  std::string events_node_id;             // EVENTS_NODE_ID: prefix of event ids (default: random per start)
  int events_max_age_s = 900;             // EVENTS_MAX_AGE_S: a stream ends after this; the client
                                          // reconnects and its access is checked again
  int events_keepalive_ms = 15000;        // EVENTS_KEEPALIVE_MS: ": keep-alive" after this much silence
  int events_queue_size = 256;            // EVENTS_QUEUE_SIZE: events waiting per connection (then dropped)
  int events_ring_size = 1000;            // EVENTS_RING_SIZE: events kept for Last-Event-ID resume
  int events_max_per_user = 5;            // EVENTS_MAX_PER_USER: open streams per user (429 beyond)
  int events_max_total = 1000;            // EVENTS_MAX_TOTAL: open streams per node (503 beyond)
  // Redis (optional): nodes share rate limits, live events, cache invalidation and job wake-ups.
  std::string redis_url;                  // REDIS_URL: redis://[:password@]host[:port][/db]; empty: one node
  std::string redis_prefix = "moderno:";  // REDIS_PREFIX: of every key and channel (one per shop)
  int redis_timeout_ms = 200;             // REDIS_TIMEOUT_MS: connect and per-command deadline
  int jobs_idle_poll_ms = 30000;          // JOBS_IDLE_POLL_MS: idle poll while Redis wake-ups work
  // Search.
  std::string search_synonyms = "server/search/synonyms.txt";  // SEARCH_SYNONYMS (reloaded on change)
  std::string search_price_buckets =                           // SEARCH_PRICE_BUCKETS: CLP edges
      "10000,25000,50000,100000,250000,500000,1000000";
  // Backups (docs/OPERATIONS.md).
  std::string backup_schedule;            // BACKUP_SCHEDULE: daily@HH:MM (UTC), hourly, or 30m/6h/1d; empty: none
  std::string backup_dir;                 // BACKUP_DIR: where scheduled backups go (default <data_dir>/backups)
  std::string backup_key_file;            // BACKUP_KEY_FILE: base64 32-byte key sealing the secrets in backups
  int backup_keep_daily = 7;              // BACKUP_KEEP_DAILY: newest archive of each of the last N days kept
  int backup_keep_weekly = 4;             // BACKUP_KEEP_WEEKLY: and of each of the last M ISO weeks (0 and 0: keep all)
};

// Flags given on the command line, by name without dashes ("port" -> "8081").
using Flags = std::map<std::string, std::string>;

// Reads a KEY=VALUE file (comments with #, optional quotes); missing file -> empty map.
std::map<std::string, std::string> ReadEnvFile(const std::string& path);

// Builds the configuration from flags, the process environment and .env files.
// `environ_lookup` is getenv by default (tests pass their own).
Result<Config> Load(const Flags& flags,
                    const std::function<std::optional<std::string>(const std::string&)>&
                        environ_lookup = nullptr);

}  // namespace moderno::config
