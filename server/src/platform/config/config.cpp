#include "platform/config/config.hpp"

#include <algorithm>

#include "platform/http/client_ip.hpp"
#include "platform/http/rate_limit.hpp"
#include "platform/redis/url.hpp"
#include "platform/schedule/lease.hpp"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <functional>

namespace moderno::config {
namespace {

std::string Trim(std::string s) {
  const char* ws = " \t\r\n";
  s.erase(0, s.find_first_not_of(ws));
  s.erase(s.find_last_not_of(ws) + 1);
  return s;
}

template <class T>
bool ParseInt(const std::string& s, T& out, T min, T max) {
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < static_cast<long long>(min) ||
      v > static_cast<long long>(max)) {
    return false;
  }
  out = static_cast<T>(v);
  return true;
}

bool ParseBool(const std::string& s, bool& out) {
  if (s == "1" || s == "true" || s == "yes" || s == "on") out = true;
  else if (s == "0" || s == "false" || s == "no" || s == "off") out = false;
  else return false;
  return true;
}

std::unexpected<Error> Bad(const std::string& name, const std::string& value,
                           const std::string& why) {
  Error e;
  e.code = Errc::kInvalidArgument;
  e.detail = "invalid setting " + name + "=" + value + ": " + why;
  e.fields.push_back({name, "invalid", why});
  return std::unexpected(e);
}

}  // namespace

std::map<std::string, std::string> ReadEnvFile(const std::string& path) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line.starts_with("export ")) line = Trim(line.substr(7));
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = Trim(line.substr(0, eq));
    std::string value = Trim(line.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    out[key] = value;
  }
  return out;
}

Result<Config> Load(const Flags& flags,
                    const std::function<std::optional<std::string>(const std::string&)>& lookup_env) {
  auto env = [&](const std::string& k) -> std::optional<std::string> {
    if (lookup_env) return lookup_env(k);
    if (const char* v = std::getenv(k.c_str())) return std::string(v);
    return std::nullopt;
  };
  // The data dir decides where the second .env file is, so it is resolved first.
  auto dot_env = ReadEnvFile(".env");
  std::string data_dir = "./data";
  if (auto f = flags.find("data-dir"); f != flags.end()) data_dir = f->second;
  else if (auto e = env("DATA_DIR")) data_dir = *e;
  else if (auto d = dot_env.find("DATA_DIR"); d != dot_env.end()) data_dir = d->second;
  for (auto& [k, v] : ReadEnvFile(data_dir + "/.env")) dot_env.try_emplace(k, v);

  // flag name, environment name -> value by precedence.
  auto get = [&](const std::string& flag, const std::string& var) -> std::optional<std::string> {
    if (!flag.empty()) {
      if (auto f = flags.find(flag); f != flags.end()) return f->second;
    }
    if (auto e = env(var)) return e;
    if (auto d = dot_env.find(var); d != dot_env.end()) return d->second;
    return std::nullopt;
  };

  Config c;
  c.data_dir = data_dir;
  if (c.data_dir.empty()) return Bad("DATA_DIR", "", "must not be empty");
  if (auto v = get("host", "HOST")) c.host = *v;
  if (auto v = get("port", "PORT")) {
    if (!ParseInt<std::uint16_t>(*v, c.port, 0, 65535)) return Bad("PORT", *v, "must be 0-65535");
  }
  c.database_url = "sqlite:" + c.data_dir + "/moderno.db";
  if (auto v = get("database-url", "DATABASE_URL")) {
    if (!(v->starts_with("sqlite:") && v->size() > 7) && !v->starts_with("mysql://") &&
        !v->starts_with("mariadb://")) {
      return Bad("DATABASE_URL", "<hidden>",
                 "must be sqlite:PATH or mysql://user:pass@host:port/db");
    }
    c.database_url = *v;
  }
  if (auto v = get("", "DATABASE_REPLICA_URL"); v && !v->empty()) {
    if (!c.database_url.starts_with("mysql://") && !c.database_url.starts_with("mariadb://")) {
      return Bad("DATABASE_REPLICA_URL", "<hidden>", "needs a MariaDB DATABASE_URL (the primary)");
    }
    if (!v->starts_with("mysql://") && !v->starts_with("mariadb://")) {
      return Bad("DATABASE_REPLICA_URL", "<hidden>", "must be mysql://user:pass@host:port/db");
    }
    c.database_replica_url = *v;
  }
  if (auto v = get("", "DATABASE_REPLICA_MAX_LAG_SECONDS")) {
    if (!ParseInt(*v, c.database_replica_max_lag_seconds, 1, 3600)) {
      return Bad("DATABASE_REPLICA_MAX_LAG_SECONDS", *v, "must be 1-3600");
    }
  }
  if (auto v = get("", "DATABASE_REPLICA_FRESH_SECONDS")) {
    if (!ParseInt(*v, c.database_replica_fresh_seconds, 1, 3600)) {
      return Bad("DATABASE_REPLICA_FRESH_SECONDS", *v, "must be 1-3600");
    }
  }
  if (auto v = get("log-level", "LOG_LEVEL")) {
    if (*v != "debug" && *v != "info" && *v != "warn" && *v != "error" && *v != "off") {
      return Bad("LOG_LEVEL", *v, "must be debug, info, warn, error or off");
    }
    c.log_level = *v;
  }
  if (auto v = get("web-dist", "WEB_DIST")) c.web_dist = *v;
  if (auto v = get("db-pool-size", "DB_POOL_SIZE")) {
    if (!ParseInt(*v, c.db_pool_size, 1, 256)) return Bad("DB_POOL_SIZE", *v, "must be 1-256");
  }
  if (auto v = get("io-threads", "IO_THREADS")) {
    if (!ParseInt(*v, c.io_threads, 1, 64)) return Bad("IO_THREADS", *v, "must be 1-64");
  }
  if (auto v = get("max-body-bytes", "MAX_BODY_BYTES")) {
    if (!ParseInt<std::size_t>(*v, c.max_body_bytes, 1024, std::size_t{1} << 30)) {
      return Bad("MAX_BODY_BYTES", *v, "must be 1024-1073741824");
    }
  }
  if (auto v = get("", "HTTP_HEADER_TIMEOUT_MS")) {
    if (!ParseInt(*v, c.http_header_timeout_ms, 10, 600000)) {
      return Bad("HTTP_HEADER_TIMEOUT_MS", *v, "must be 10-600000");
    }
  }
  if (auto v = get("", "BEHIND_TLS")) {
    if (!ParseBool(*v, c.behind_tls)) return Bad("BEHIND_TLS", *v, "must be true or false");
  }
  if (auto v = get("", "CACHE_TTL_SECONDS")) {
    if (!ParseInt(*v, c.cache_ttl_seconds, 0, 86400)) return Bad("CACHE_TTL_SECONDS", *v, "must be 0-86400");
  }
  if (auto v = get("", "CATALOG_READ_MODEL")) {
    if (*v != "on" && *v != "off") return Bad("CATALOG_READ_MODEL", *v, "must be on or off");
    c.catalog_read_model = *v == "on";
  }
  if (auto v = get("", "HTTP_CACHE_MAX_AGE")) {
    if (!ParseInt(*v, c.http_cache_max_age, 0, 86400)) return Bad("HTTP_CACHE_MAX_AGE", *v, "must be 0-86400");
  }
  if (auto v = get("", "HTTP_CACHE_STALE_SECONDS")) {
    if (!ParseInt(*v, c.http_cache_stale_seconds, 0, 86400)) {
      return Bad("HTTP_CACHE_STALE_SECONDS", *v, "must be 0-86400");
    }
  }
  if (auto v = get("", "MODERNO_ENV")) {
    if (*v != "development" && *v != "production" && *v != "test") {
      return Bad("MODERNO_ENV", *v, "must be development, production or test");
    }
    c.env = *v;
  }
  // Defaults from the seed (section 5.10); "off" removes a limit.
  const std::pair<const char*, const char*> kLimits[] = {
      {"auth", "5/min"}, {"search", "100/min"}, {"general", "1000/hour"}, {"admin", "500/hour"}};
  for (const auto& [cls, fallback] : kLimits) {
    std::string var = "RATE_LIMIT_" + std::string(cls);
    for (auto& ch : var) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    const std::string text = get("", var).value_or(fallback);
    if (text == "off") continue;
    auto policy = http::ParseRatePolicy(text);
    if (!policy) return Bad(var, text, "must be N/s, N/min, N/hour, N/day or off (" + policy.error().detail + ")");
    c.rate_limits[cls] = *policy;
  }
  if (auto v = get("", "TRUSTED_PROXIES")) {
    auto parsed = http::TrustedProxies::Parse(*v);
    if (!parsed) return Bad("TRUSTED_PROXIES", *v, parsed.error().detail);
    c.trusted_proxies = *v;
  }
  if (auto v = get("", "JWT_SECRET")) {
    if (v->size() < 32) return Bad("JWT_SECRET", "<hidden>", "must be at least 32 characters");
    c.jwt_secret = *v;
  }
  if (auto v = get("", "JWT_PREVIOUS_SECRETS")) {
    for (std::size_t start = 0; start <= v->size();) {
      const auto comma = std::min(v->find(',', start), v->size());
      const std::string one = v->substr(start, comma - start);
      if (one.size() < 32) return Bad("JWT_PREVIOUS_SECRETS", "<hidden>", "each secret must be at least 32 characters");
      c.jwt_previous_secrets.push_back(one);
      start = comma + 1;
    }
  }
  if (auto v = get("", "ENCRYPTION_KEY")) c.encryption_key = *v;  // checked by the crypto module
  if (auto v = get("", "CURRENCY")) {
    if (v->size() != 3 || !std::all_of(v->begin(), v->end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })) {
      return Bad("CURRENCY", *v, "must be an ISO 4217 code such as CLP");
    }
    c.currency = *v;
  }
  if (auto v = get("", "TAX_RATE_PERCENT")) {
    if (!ParseInt(*v, c.tax_rate_percent, 0, 100)) return Bad("TAX_RATE_PERCENT", *v, "must be 0-100");
  }
  if (auto v = get("", "PRICES_INCLUDE_TAX")) {
    if (!ParseBool(*v, c.prices_include_tax)) return Bad("PRICES_INCLUDE_TAX", *v, "must be true or false");
  }
  if (auto v = get("", "RESERVATION_TTL_MINUTES")) {
    if (!ParseInt(*v, c.reservation_ttl_minutes, 1, 7 * 24 * 60)) {
      return Bad("RESERVATION_TTL_MINUTES", *v, "must be 1-10080");
    }
  }
  if (auto v = get("", "SWEEP_INTERVAL_SECONDS")) {
    if (!ParseInt(*v, c.sweep_interval_seconds, 1, 3600)) return Bad("SWEEP_INTERVAL_SECONDS", *v, "must be 1-3600");
  }
  if (auto v = get("", "METRICS_REFRESH_SECONDS")) {
    if (!ParseInt(*v, c.metrics_refresh_seconds, 1, 3600)) return Bad("METRICS_REFRESH_SECONDS", *v, "must be 1-3600");
  }
  if (auto v = get("", "HOUSEKEEPING_INTERVAL_SECONDS")) {
    if (!ParseInt(*v, c.retention.interval_seconds, 60, 7 * 86400)) {
      return Bad("HOUSEKEEPING_INTERVAL_SECONDS", *v, "must be 60-604800");
    }
  }
  for (auto [var, days] : {std::pair{"RETENTION_TOKENS_DAYS", &c.retention.tokens_after_expiry_days},
                           std::pair{"RETENTION_EMAIL_TOKENS_DAYS", &c.retention.email_tokens_after_expiry_days},
                           std::pair{"RETENTION_LOGIN_ATTEMPTS_DAYS", &c.retention.login_attempts_days},
                           std::pair{"RETENTION_GUEST_CARTS_DAYS", &c.retention.guest_carts_days},
                           std::pair{"RETENTION_DONE_JOBS_DAYS", &c.retention.done_jobs_days},
                           std::pair{"RETENTION_DEAD_JOBS_DAYS", &c.retention.dead_jobs_days},
                           std::pair{"RETENTION_EXPORTS_DAYS", &c.retention.exports_days}}) {
    if (auto v = get("", var)) {
      if (!ParseInt(*v, *days, 1, 3650)) return Bad(var, *v, "must be 1-3650 (days)");
    }
  }
  if (auto v = get("", "JOBS_WORKERS")) {
    if (!ParseInt(*v, c.jobs_workers, 0, 16)) return Bad("JOBS_WORKERS", *v, "must be 0-16");
  }
  if (auto v = get("", "EVENTS_NODE_ID")) c.events_node_id = *v;
  if (auto v = get("", "EVENTS_KEEPALIVE_MS")) {
    if (!ParseInt(*v, c.events_keepalive_ms, 10, 300000)) return Bad("EVENTS_KEEPALIVE_MS", *v, "must be 10-300000");
  }
  if (auto v = get("", "EVENTS_MAX_AGE_S")) {
    if (!ParseInt(*v, c.events_max_age_s, 1, 86400)) return Bad("EVENTS_MAX_AGE_S", *v, "must be 1-86400");
  }
  if (auto v = get("", "EVENTS_QUEUE_SIZE")) {
    if (!ParseInt(*v, c.events_queue_size, 1, 100000)) return Bad("EVENTS_QUEUE_SIZE", *v, "must be 1-100000");
  }
  if (auto v = get("", "EVENTS_RING_SIZE")) {
    if (!ParseInt(*v, c.events_ring_size, 1, 100000)) return Bad("EVENTS_RING_SIZE", *v, "must be 1-100000");
  }
  if (auto v = get("", "EVENTS_MAX_PER_USER")) {
    if (!ParseInt(*v, c.events_max_per_user, 1, 1000)) return Bad("EVENTS_MAX_PER_USER", *v, "must be 1-1000");
  }
  if (auto v = get("", "EVENTS_MAX_TOTAL")) {
    if (!ParseInt(*v, c.events_max_total, 1, 1000000)) return Bad("EVENTS_MAX_TOTAL", *v, "must be 1-1000000");
  }
  if (auto v = get("", "BACKUP_SCHEDULE")) {
    if (!schedule::ParseSchedule(*v)) return Bad("BACKUP_SCHEDULE", *v, "must be daily@HH:MM, hourly, daily or an interval like 6h, 30m");
    c.backup_schedule = *v;
  }
  c.backup_dir = c.data_dir + "/backups";
  if (auto v = get("", "BACKUP_DIR")) c.backup_dir = *v;
  if (auto v = get("", "BACKUP_KEY_FILE")) c.backup_key_file = *v;
  if (auto v = get("", "BACKUP_KEEP_DAILY")) {
    if (!ParseInt(*v, c.backup_keep_daily, 0, 3650)) return Bad("BACKUP_KEEP_DAILY", *v, "must be 0-3650");
  }
  if (auto v = get("", "BACKUP_KEEP_WEEKLY")) {
    if (!ParseInt(*v, c.backup_keep_weekly, 0, 520)) return Bad("BACKUP_KEEP_WEEKLY", *v, "must be 0-520");
  }
  if (auto v = get("", "REDIS_URL"); v && !v->empty()) {
    if (auto parsed = redis::ParseUrl(*v); !parsed) return Bad("REDIS_URL", "<hidden>", parsed.error().detail);
    c.redis_url = *v;
  }
  if (auto v = get("", "REDIS_PREFIX")) {
    if (v->empty() || v->size() > 64) return Bad("REDIS_PREFIX", *v, "must be 1-64 characters");
    c.redis_prefix = *v;
  }
  if (auto v = get("", "REDIS_TIMEOUT_MS")) {
    if (!ParseInt(*v, c.redis_timeout_ms, 10, 10000)) return Bad("REDIS_TIMEOUT_MS", *v, "must be 10-10000");
  }
  if (auto v = get("", "JOBS_IDLE_POLL_MS")) {
    if (!ParseInt(*v, c.jobs_idle_poll_ms, 50, 600000)) return Bad("JOBS_IDLE_POLL_MS", *v, "must be 50-600000");
  }
  if (auto v = get("", "JOBS_POLL_MS")) {
    if (!ParseInt(*v, c.jobs_poll_ms, 50, 60000)) return Bad("JOBS_POLL_MS", *v, "must be 50-60000");
  }
  c.payments_sandbox = c.env != "production";
  if (auto v = get("", "PAYMENTS_SANDBOX")) {
    if (!ParseBool(*v, c.payments_sandbox)) return Bad("PAYMENTS_SANDBOX", *v, "must be true or false");
    if (c.payments_sandbox && c.env == "production") {
      return Bad("PAYMENTS_SANDBOX", *v, "cannot be enabled when MODERNO_ENV=production");
    }
  }
  if (auto v = get("", "STRIPE_SECRET_KEY")) {
    if (!v->starts_with("sk_") && !v->starts_with("rk_")) {
      return Bad("STRIPE_SECRET_KEY", "<hidden>", "must be a Stripe secret key (sk_... or rk_...)");
    }
    c.stripe_secret_key = *v;
  }
  if (auto v = get("", "STRIPE_API_BASE")) {
    if (!v->starts_with("https://") && !v->starts_with("http://127.0.0.1") && !v->starts_with("http://localhost")) {
      return Bad("STRIPE_API_BASE", *v, "must be https:// (or http:// on loopback for a local fake)");
    }
    c.stripe_api_base = *v;
    while (c.stripe_api_base.ends_with('/')) c.stripe_api_base.pop_back();
  }
  if (auto v = get("", "STRIPE_WEBHOOK_SECRET")) c.stripe_webhook_secret = *v;
  if (auto v = get("", "WEBPAY_API_BASE")) {
    if (!v->starts_with("https://") && !v->starts_with("http://127.0.0.1") && !v->starts_with("http://localhost")) {
      return Bad("WEBPAY_API_BASE", *v, "must be https:// (or http:// on loopback for a local fake)");
    }
    c.webpay_api_base = *v;
    while (c.webpay_api_base.ends_with('/')) c.webpay_api_base.pop_back();
  }
  if (auto v = get("", "WEBPAY_COMMERCE_CODE")) {
    if (v->empty() || v->size() > 20 || v->find_first_not_of("0123456789") != std::string::npos) {
      return Bad("WEBPAY_COMMERCE_CODE", *v, "must be the commerce code Transbank gave (digits)");
    }
    c.webpay_commerce_code = *v;
  }
  if (auto v = get("", "WEBPAY_API_KEY")) c.webpay_api_key = *v;
  if (auto v = get("", "SMTP_URL")) {
    if (!v->starts_with("smtp://") && !v->starts_with("smtps://")) {
      return Bad("SMTP_URL", "<hidden>", "must be smtp://host:port or smtps://host:port");
    }
    c.smtp_url = *v;
  }
  if (auto v = get("", "SMTP_USER")) c.smtp_user = *v;
  if (auto v = get("", "SMTP_PASSWORD")) c.smtp_password = *v;
  if (auto v = get("", "SMTP_STARTTLS")) {
    if (*v != "required" && *v != "optional") return Bad("SMTP_STARTTLS", *v, "must be required or optional");
    c.smtp_require_tls = *v == "required";
  }
  if (auto v = get("", "MAIL_FROM")) {
    if (v->find('@') == std::string::npos || v->find_first_of("\r\n") != std::string::npos) {
      return Bad("MAIL_FROM", *v, "must be an address, optionally as Name <address>");
    }
    c.mail_from = *v;
  }
  if (auto v = get("", "PUBLIC_URL")) {
    // The shop's address as customers see it (links in emails); no trailing slash.
    std::string url = *v;
    while (url.ends_with('/')) url.pop_back();
    if (!(url.starts_with("http://") || url.starts_with("https://")) || url.size() < 9 ||
        url.find_first_of(" \r\n\"<>") != std::string::npos) {
      return Bad("PUBLIC_URL", *v, "must be an http:// or https:// URL such as https://tienda.cl");
    }
    c.public_url = url;
  }
  if (auto v = get("", "STAFF_2FA")) {
    if (*v != "required" && *v != "optional" && !v->empty()) {
      return Bad("STAFF_2FA", *v, "must be required or optional");
    }
    c.staff_2fa_required = *v == "required";
  }
  if (auto v = get("", "STAFF_ALERT_EMAIL")) {
    if (!v->empty() && v->find('@') == std::string::npos) return Bad("STAFF_ALERT_EMAIL", *v, "must be an address");
    c.staff_alert_email = *v;
  }
  if (auto v = get("", "SEARCH_SYNONYMS")) c.search_synonyms = *v;
  if (auto v = get("", "SEARCH_PRICE_BUCKETS")) {
    // Ascending positive integers, comma-separated (checked in full by the search domain).
    long long last = 0;
    std::size_t start = 0;
    bool ok = !v->empty();
    while (ok && start <= v->size()) {
      std::size_t comma = v->find(',', start);
      if (comma == std::string::npos) comma = v->size();
      long long n = 0;
      ok = ParseInt(Trim(v->substr(start, comma - start)), n, 1LL, 1000000000000LL) && n > last;
      last = n;
      start = comma + 1;
    }
    if (!ok) return Bad("SEARCH_PRICE_BUCKETS", *v, "must be ascending positive integers, comma-separated");
    c.search_price_buckets = *v;
  }
  if (!c.stripe_secret_key.empty() && c.stripe_webhook_secret.empty()) {
    return Bad("STRIPE_WEBHOOK_SECRET", "", "is required when STRIPE_SECRET_KEY is set");
  }
  if (c.webpay_commerce_code.empty() != c.webpay_api_key.empty()) {
    return Bad(c.webpay_api_key.empty() ? "WEBPAY_API_KEY" : "WEBPAY_COMMERCE_CODE", "",
               "WEBPAY_COMMERCE_CODE and WEBPAY_API_KEY are set together");
  }
  if (c.env == "production" && c.jwt_secret.empty()) {
    return Bad("JWT_SECRET", "", "is required when MODERNO_ENV=production");
  }
  if (c.env == "production" && c.encryption_key.empty()) {
    return Bad("ENCRYPTION_KEY", "", "is required when MODERNO_ENV=production");
  }
  return c;
}

}  // namespace moderno::config
