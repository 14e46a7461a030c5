#include "platform/config/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace moderno::config {
namespace {

using Env = std::map<std::string, std::string>;

Result<Config> LoadWith(const Flags& flags, const Env& env) {
  return Load(flags, [&](const std::string& k) -> std::optional<std::string> {
    auto it = env.find(k);
    if (it == env.end()) return std::nullopt;
    return it->second;
  });
}

TEST(Config, DefaultsWhenNothingIsSet) {
  auto c = LoadWith({}, {});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->host, "127.0.0.1");
  EXPECT_EQ(c->port, 8080);
  EXPECT_EQ(c->data_dir, "./data");
  EXPECT_EQ(c->database_url, "sqlite:./data/moderno.db");
}

TEST(Config, FlagsBeatEnvironment) {
  auto c = LoadWith({{"port", "9000"}, {"data-dir", "/tmp/x"}},
                    {{"PORT", "7000"}, {"HOST", "0.0.0.0"}, {"DATA_DIR", "/tmp/y"}});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->port, 9000);
  EXPECT_EQ(c->host, "0.0.0.0");
  EXPECT_EQ(c->data_dir, "/tmp/x");
  EXPECT_EQ(c->database_url, "sqlite:/tmp/x/moderno.db");
}

TEST(Config, EnvFileInDataDirIsTheLowestPrecedence) {
  auto dir = std::filesystem::temp_directory_path() / "moderno_config_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / ".env") << "# comment\nPORT=7100\nLOG_LEVEL=\"warn\"\n";
  auto c = LoadWith({{"data-dir", dir.string()}}, {{"LOG_LEVEL", "error"}});
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->port, 7100);
  EXPECT_EQ(c->log_level, "error");
}

TEST(Config, InvalidValuesNameTheSetting) {
  auto bad_port = LoadWith({}, {{"PORT", "80x"}});
  ASSERT_FALSE(bad_port);
  EXPECT_NE(bad_port.error().detail.find("PORT"), std::string::npos);
  auto bad_url = LoadWith({}, {{"DATABASE_URL", "postgres://x"}});
  ASSERT_FALSE(bad_url);
  EXPECT_NE(bad_url.error().detail.find("DATABASE_URL"), std::string::npos);
  // The URL may hold a password: it is never echoed.
  EXPECT_EQ(bad_url.error().detail.find("postgres://x"), std::string::npos);
  auto bad_level = LoadWith({{"log-level", "loud"}}, {});
  ASSERT_FALSE(bad_level);
  EXPECT_NE(bad_level.error().detail.find("LOG_LEVEL"), std::string::npos);
}

TEST(Config, HeaderTimeoutIsInMillisecondsWithinBounds) {
  auto defaults = LoadWith({}, {});
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->http_header_timeout_ms, 10000);
  auto set = LoadWith({}, {{"HTTP_HEADER_TIMEOUT_MS", "250"}});
  ASSERT_TRUE(set);
  EXPECT_EQ(set->http_header_timeout_ms, 250);
  for (const char* bad : {"0", "9", "600001", "1s"}) {
    auto c = LoadWith({}, {{"HTTP_HEADER_TIMEOUT_MS", bad}});
    ASSERT_FALSE(c) << bad;
    EXPECT_NE(c.error().detail.find("HTTP_HEADER_TIMEOUT_MS"), std::string::npos);
  }
}

TEST(Config, RetentionHasDocumentedDefaultsAndNamesABadSetting) {
  auto defaults = LoadWith({}, {});
  ASSERT_TRUE(defaults);
  const auto& r = defaults->retention;
  EXPECT_EQ(r.interval_seconds, 3600);
  EXPECT_EQ(r.tokens_after_expiry_days, 1);
  EXPECT_EQ(r.email_tokens_after_expiry_days, 7);
  EXPECT_EQ(r.login_attempts_days, 30);
  EXPECT_EQ(r.guest_carts_days, 30);
  EXPECT_EQ(r.done_jobs_days, 14);
  EXPECT_EQ(r.dead_jobs_days, 90);
  EXPECT_EQ(r.exports_days, 7);
  EXPECT_EQ(defaults->metrics_refresh_seconds, 15);
  auto set = LoadWith({}, {{"RETENTION_GUEST_CARTS_DAYS", "60"}, {"RETENTION_DEAD_JOBS_DAYS", "365"},
                           {"HOUSEKEEPING_INTERVAL_SECONDS", "600"}, {"METRICS_REFRESH_SECONDS", "5"}});
  ASSERT_TRUE(set);
  EXPECT_EQ(set->retention.guest_carts_days, 60);
  EXPECT_EQ(set->retention.dead_jobs_days, 365);
  EXPECT_EQ(set->retention.interval_seconds, 600);
  EXPECT_EQ(set->metrics_refresh_seconds, 5);
  for (const auto& [var, bad] : std::vector<std::pair<std::string, std::string>>{
           {"RETENTION_DONE_JOBS_DAYS", "0"}, {"RETENTION_EXPORTS_DAYS", "3651"}, {"RETENTION_TOKENS_DAYS", "1d"},
           {"HOUSEKEEPING_INTERVAL_SECONDS", "59"}, {"METRICS_REFRESH_SECONDS", "0"}}) {
    auto c = LoadWith({}, {{var, bad}});
    ASSERT_FALSE(c) << var << "=" << bad;
    EXPECT_NE(c.error().detail.find(var), std::string::npos) << c.error().detail;
  }
}

TEST(Config, PublicUrlIsAnHttpUrlWithoutTrailingSlash) {
  auto unset = LoadWith({}, {});
  ASSERT_TRUE(unset);
  EXPECT_EQ(unset->public_url, "");  // the app falls back to http://HOST:PORT
  auto set = LoadWith({}, {{"PUBLIC_URL", "https://tienda.cl/"}});
  ASSERT_TRUE(set);
  EXPECT_EQ(set->public_url, "https://tienda.cl");
  for (const char* bad : {"tienda.cl", "ftp://tienda.cl", "https://tienda.cl/<x>"}) {
    auto r = LoadWith({}, {{"PUBLIC_URL", bad}});
    ASSERT_FALSE(r) << bad;
    EXPECT_NE(r.error().detail.find("PUBLIC_URL"), std::string::npos);
  }
}

TEST(Config, StaffTwoFactorIsOptionalUnlessRequired) {
  EXPECT_FALSE(LoadWith({}, {})->staff_2fa_required);
  EXPECT_FALSE(LoadWith({}, {{"STAFF_2FA", "optional"}})->staff_2fa_required);
  EXPECT_TRUE(LoadWith({}, {{"STAFF_2FA", "required"}})->staff_2fa_required);
  auto bad = LoadWith({}, {{"STAFF_2FA", "yes"}});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().detail.find("STAFF_2FA"), std::string::npos);
}

TEST(Config, ReadReplicaNeedsAMariadbPrimaryAndBoundedSettings) {
  const std::string primary = "mysql://shop:secret@127.0.0.1:3306/moderno";
  const std::string replica = "mysql://shop:secret@127.0.0.1:3307/moderno";
  auto c = LoadWith({}, {{"DATABASE_URL", primary}, {"DATABASE_REPLICA_URL", replica},
                         {"DATABASE_REPLICA_MAX_LAG_SECONDS", "5"}, {"DATABASE_REPLICA_FRESH_SECONDS", "3"}});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->database_replica_url, replica);
  EXPECT_EQ(c->database_replica_max_lag_seconds, 5);
  EXPECT_EQ(c->database_replica_fresh_seconds, 3);
  auto defaults = LoadWith({}, {{"DATABASE_URL", primary}});
  ASSERT_TRUE(defaults);
  EXPECT_TRUE(defaults->database_replica_url.empty());
  EXPECT_EQ(defaults->database_replica_max_lag_seconds, 30);
  EXPECT_EQ(defaults->database_replica_fresh_seconds, 2);
  auto on_sqlite = LoadWith({}, {{"DATABASE_REPLICA_URL", replica}});
  ASSERT_FALSE(on_sqlite);
  EXPECT_NE(on_sqlite.error().detail.find("DATABASE_REPLICA_URL"), std::string::npos);
  EXPECT_EQ(on_sqlite.error().detail.find("secret"), std::string::npos) << "the password is never echoed";
  EXPECT_FALSE(LoadWith({}, {{"DATABASE_URL", primary}, {"DATABASE_REPLICA_URL", "sqlite:/tmp/r.db"}}));
  EXPECT_FALSE(LoadWith({}, {{"DATABASE_URL", primary}, {"DATABASE_REPLICA_MAX_LAG_SECONDS", "0"}}));
  EXPECT_FALSE(LoadWith({}, {{"DATABASE_URL", primary}, {"DATABASE_REPLICA_FRESH_SECONDS", "x"}}));
}

TEST(Config, AcceptsMysqlUrls) {
  auto c = LoadWith({}, {{"DATABASE_URL", "mysql://shop:secret@127.0.0.1:3306/moderno"}});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->database_url, "mysql://shop:secret@127.0.0.1:3306/moderno");
}

}  // namespace
}  // namespace moderno::config

namespace moderno::config {
namespace {

TEST(Config, ProductionRequiresBothSecretsAndNeverEchoesThem) {
  auto no_jwt = LoadWith({}, {{"MODERNO_ENV", "production"}, {"ENCRYPTION_KEY", "x"}});
  ASSERT_FALSE(no_jwt);
  EXPECT_NE(no_jwt.error().detail.find("JWT_SECRET"), std::string::npos);
  auto no_key = LoadWith({}, {{"MODERNO_ENV", "production"}, {"JWT_SECRET", std::string(40, 's')}});
  ASSERT_FALSE(no_key);
  EXPECT_NE(no_key.error().detail.find("ENCRYPTION_KEY"), std::string::npos);
  auto short_secret = LoadWith({}, {{"JWT_SECRET", "tooshort-secret"}});
  ASSERT_FALSE(short_secret);
  EXPECT_EQ(short_secret.error().detail.find("tooshort-secret"), std::string::npos);
  EXPECT_TRUE(LoadWith({}, {{"MODERNO_ENV", "production"}, {"JWT_SECRET", std::string(40, 's')},
                            {"ENCRYPTION_KEY", "k"}}));
}

TEST(Config, RateLimitsHaveSeedDefaultsAndCanBeTurnedOff) {
  auto c = LoadWith({}, {{"RATE_LIMIT_GENERAL", "off"}, {"RATE_LIMIT_AUTH", "10/hour"}});
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->rate_limits.contains("general"));
  EXPECT_EQ(c->rate_limits.at("auth").limit, 10);
  EXPECT_EQ(c->rate_limits.at("auth").window, std::chrono::hours(1));
  EXPECT_EQ(c->rate_limits.at("search").limit, 100);
  EXPECT_EQ(c->rate_limits.at("admin").window, std::chrono::hours(1));
  auto bad = LoadWith({}, {{"RATE_LIMIT_SEARCH", "lots"}});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().detail.find("RATE_LIMIT_SEARCH"), std::string::npos);
  auto proxies = LoadWith({}, {{"TRUSTED_PROXIES", "10.0.0.0/33"}});
  ASSERT_FALSE(proxies);
  EXPECT_NE(proxies.error().detail.find("TRUSTED_PROXIES"), std::string::npos);
}

}  // namespace
}  // namespace moderno::config

namespace moderno::config {
namespace {

TEST(Config, WebpayNeedsCodeAndKeyTogetherAndNeverEchoesTheKey) {
  auto off = LoadWith({}, {});
  ASSERT_TRUE(off);
  EXPECT_TRUE(off->webpay_commerce_code.empty());
  EXPECT_EQ(off->webpay_api_base, "https://webpay3gint.transbank.cl");  // integration by default
  const std::string key = "579B532A7440BB0C9079DED94D31EA1615BACEB56610332264630D42D0A36B1C";
  auto on = LoadWith({}, {{"WEBPAY_COMMERCE_CODE", "597055555532"}, {"WEBPAY_API_KEY", key},
                          {"WEBPAY_API_BASE", "https://webpay3g.transbank.cl/"}});
  ASSERT_TRUE(on);
  EXPECT_EQ(on->webpay_api_base, "https://webpay3g.transbank.cl");
  auto no_code = LoadWith({}, {{"WEBPAY_API_KEY", key}});
  ASSERT_FALSE(no_code);
  EXPECT_NE(no_code.error().detail.find("WEBPAY_COMMERCE_CODE"), std::string::npos);
  EXPECT_EQ(no_code.error().detail.find(key), std::string::npos);
  auto no_key = LoadWith({}, {{"WEBPAY_COMMERCE_CODE", "597055555532"}});
  ASSERT_FALSE(no_key);
  EXPECT_NE(no_key.error().detail.find("WEBPAY_API_KEY"), std::string::npos);
  EXPECT_FALSE(LoadWith({}, {{"WEBPAY_COMMERCE_CODE", "59705-ABC"}, {"WEBPAY_API_KEY", key}}));
  EXPECT_FALSE(LoadWith({}, {{"WEBPAY_API_BASE", "http://webpay3g.transbank.cl"}}));  // only loopback may be http
  EXPECT_TRUE(LoadWith({}, {{"WEBPAY_API_BASE", "http://127.0.0.1:9999"}}));
}

}  // namespace
}  // namespace moderno::config

namespace moderno::config {
namespace {

TEST(Config, RedisIsOptionalAndABadUrlIsNamedWithoutItsPassword) {
  auto none = LoadWith({}, {});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->redis_url.empty());
  EXPECT_EQ(none->redis_prefix, "moderno:");
  EXPECT_EQ(none->redis_timeout_ms, 200);
  EXPECT_EQ(none->jobs_idle_poll_ms, 30000);
  auto set = LoadWith({}, {{"REDIS_URL", "redis://:clave@10.0.0.9:6380/1"}, {"REDIS_PREFIX", "tienda:"},
                           {"REDIS_TIMEOUT_MS", "150"}, {"JOBS_IDLE_POLL_MS", "60000"}});
  ASSERT_TRUE(set) << set.error().detail;
  EXPECT_EQ(set->redis_url, "redis://:clave@10.0.0.9:6380/1");
  EXPECT_EQ(set->redis_prefix, "tienda:");
  EXPECT_EQ(set->redis_timeout_ms, 150);
  EXPECT_EQ(set->jobs_idle_poll_ms, 60000);
  auto bad = LoadWith({}, {{"REDIS_URL", "rediss://:supersecreta@host"}});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().detail.find("REDIS_URL"), std::string::npos);
  EXPECT_EQ(bad.error().detail.find("supersecreta"), std::string::npos);
  EXPECT_FALSE(LoadWith({}, {{"REDIS_TIMEOUT_MS", "5"}}));
  EXPECT_FALSE(LoadWith({}, {{"REDIS_PREFIX", ""}}));
}

}  // namespace
}  // namespace moderno::config
