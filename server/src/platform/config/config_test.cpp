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

TEST(Config, AcceptsMysqlUrls) {
  auto c = LoadWith({}, {{"DATABASE_URL", "mysql://shop:secret@127.0.0.1:3306/moderno"}});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->database_url, "mysql://shop:secret@127.0.0.1:3306/moderno");
}

}  // namespace
}  // namespace moderno::config
