// Key rotation on a real (SQLite) database; the HTTP suite repeats it on MariaDB.
#include "accounts/profile/rotate_key.hpp"

#include <gtest/gtest.h>

#include "accounts/profile/service.hpp"
#include "accounts/users.hpp"
#include "platform/db/migrate.hpp"
#include "test_store.hpp"

namespace moderno::accounts::profile {
namespace {

crypto::Cipher NewCipher() { return *crypto::Cipher::FromBase64Key(crypto::Cipher::NewBase64Key()); }

AddressInput Home(std::string street) {
  AddressInput in;
  in.street = std::move(street);
  in.number = std::string("1234");
  in.comuna = std::string("Providencia");
  in.city = std::string("Santiago");
  in.region = std::string("RM");
  in.phone = std::string("+56987654321");
  return in;
}

class ProfileRotateKeyTest : public ::testing::Test {
 protected:
  ProfileRotateKeyTest() : db_(tdb_.url(), 2), cipher_(NewCipher()), service_(db_, cipher_) {
    auto migrated = db::MigrateUp(db_);
    if (!migrated) throw std::runtime_error(migrated.error().detail);
  }
  std::int64_t AddUser(const std::string& email) {
    accounts::NewUser u;
    u.email = email;
    u.password = "Secreto#2026";
    u.name = "Ana Pérez";
    auto id = CreateUser(db_, u);
    if (!id) throw std::runtime_error(id.error().detail);
    return *id;
  }

  testing::TestDatabase tdb_;
  db::Database db_;
  crypto::Cipher cipher_;
  Service service_;
};

TEST_F(ProfileRotateKeyTest, ReencryptsEverythingOrNothing) {
  const auto ana = AddUser("ana@prueba.cl");
  ProfileUpdate update;
  update.phone = std::string("+56911112222");
  ASSERT_TRUE(service_.UpdateProfile(ana, update));
  AddressInput full = Home("Av. Providencia");
  full.apartment = std::string("Depto 501");
  ASSERT_TRUE(service_.CreateAddress(ana, full));  // 5 encrypted values
  ASSERT_TRUE(service_.CreateAddress(ana, Home("Los Leones")));  // 4: no apartment

  const crypto::Cipher next = NewCipher();
  auto rotated = RotateEncryptionKey(db_, cipher_, next);
  ASSERT_TRUE(rotated) << rotated.error().detail;
  EXPECT_EQ(*rotated, 1 + 5 + 4);
  Service with_new(db_, next);
  EXPECT_EQ(with_new.GetProfile(ana)->phone, "+56911112222");
  EXPECT_EQ(with_new.ListAddresses(ana)->at(0).fields.apartment, "Depto 501");
  EXPECT_FALSE(service_.GetProfile(ana));      // the old key no longer opens anything
  EXPECT_FALSE(service_.ListAddresses(ana));

  // A value that the current key does not open stops the rotation before anything changes.
  auto stray = db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    uow.Exec("UPDATE addresses SET street = ? WHERE street IS NOT NULL AND id = "
             "(SELECT MAX(id) FROM addresses)",
             {NewCipher().Encrypt("Otra clave")});
    return {};
  });
  ASSERT_TRUE(stray);
  auto before = db_.Read([&](db::UnitOfWork& uow) -> Result<std::string> {
    return uow.QueryOne("SELECT phone FROM users WHERE id = ?", {ana})->Str(0);
  });
  auto failed = RotateEncryptionKey(db_, next, NewCipher());
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, Errc::kInvalidArgument);
  EXPECT_NE(failed.error().detail.find("addresses.street"), std::string::npos);
  auto after = db_.Read([&](db::UnitOfWork& uow) -> Result<std::string> {
    return uow.QueryOne("SELECT phone FROM users WHERE id = ?", {ana})->Str(0);
  });
  EXPECT_EQ(*before, *after);
  EXPECT_EQ(with_new.GetProfile(ana)->phone, "+56911112222");
}

}  // namespace
}  // namespace moderno::accounts::profile
