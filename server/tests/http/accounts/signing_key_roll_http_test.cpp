// Rolling the JWT signing key over real sockets, on both databases: the shop signs with the new
// key while access tokens signed with the previous one (JWT_PREVIOUS_SECRETS or
// <data-dir>/secrets/jwt_secret.previous) stay valid until they expire; without it they are
// refused.
#include <gtest/gtest.h>

#include <fstream>

#include "accounts/tokens.hpp"
#include "http_suite.hpp"
#include "platform/crypto/cipher.hpp"

namespace moderno::testing {
namespace {

const std::string kOld = std::string(40, 'o');
const std::string kNew = std::string(40, 'n');

// A token for `user` signed with `secret`, as the shop signed them before the roll.
std::string OldToken(const TestUser& user, const std::string& secret) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  return accounts::SignAccessToken({user.id, "customer", "jti-roll", now, now + 600, 0}, secret);
}

Reply Me(std::uint16_t port, const std::string& token) {
  return CallApi(port, "GET", "/api/v1/me", "", nullptr, {{"Authorization", "Bearer " + token}});
}

TEST(SigningKeyRoll, OldKeyTokensStayValidWhileTheNewKeySigns) {
  StoreOptions o;
  o.configure = [](config::Config& c) {
    c.jwt_secret = kNew;
    c.jwt_previous_secrets = {kOld};
  };
  TestStore store(o);
  store.Start();
  const TestUser user = store.CreateUser(http::Role::kCustomer);
  // Tokens the shop issues now name the new key.
  const auto header = crypto::Base64UrlDecode(user.access_token.substr(0, user.access_token.find('.')));
  ASSERT_TRUE(header);
  EXPECT_NE(header->find(accounts::KeyId(kNew)), std::string::npos) << *header;
  EXPECT_EQ(Me(store.port(), user.access_token).status, 200);
  auto old = Me(store.port(), OldToken(user, kOld));
  EXPECT_EQ(old.status, 200) << old.raw;
  EXPECT_EQ(Me(store.port(), OldToken(user, std::string(40, 'x'))).status, 401) << "a key never configured";
}

TEST(SigningKeyRoll, ThePreviousKeyFileIsReadAndDroppingItEndsOldTokens) {
  StoreOptions with_file;
  with_file.configure = [](config::Config& c) {
    c.jwt_secret = kNew;
    std::filesystem::create_directories(c.data_dir + "/secrets");
    std::ofstream(c.data_dir + "/secrets/jwt_secret.previous") << kOld << "\n";
  };
  TestStore store(with_file);
  store.Start();
  const TestUser user = store.CreateUser(http::Role::kCustomer);
  EXPECT_EQ(Me(store.port(), OldToken(user, kOld)).status, 200);

  StoreOptions without;
  without.configure = [](config::Config& c) { c.jwt_secret = kNew; };
  TestStore after(without);
  after.Start();
  const TestUser other = after.CreateUser(http::Role::kCustomer);
  EXPECT_EQ(Me(after.port(), OldToken(other, kOld)).status, 401);
  EXPECT_EQ(Me(after.port(), other.access_token).status, 200);
}

}  // namespace
}  // namespace moderno::testing
