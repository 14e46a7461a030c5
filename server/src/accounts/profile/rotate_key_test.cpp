// Key rotation on a real (SQLite) database; the HTTP suite repeats it on MariaDB.
#include "accounts/profile/rotate_key.hpp"

#include <gtest/gtest.h>

#include "accounts/profile/test_fixture.hpp"

namespace moderno::accounts::profile {
namespace {

using ProfileRotateKeyTest = ProfileFixture;

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

TEST_F(ProfileRotateKeyTest, ReencryptsTheAddressesKeptInOrders) {
  const auto ana = AddUser("ana.pedidos@prueba.cl");
  const std::string address = R"({"street":"Av. Providencia","number":"1234"})";
  ASSERT_TRUE(db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    uow.Exec("INSERT INTO orders (order_number, user_id, payment_method, subtotal, total_amount, shipping_method, "
             "shipping_region, shipping_address, billing_address) VALUES ('MOD-2026-ROTATE', ?, 'manual', 1, 1, "
             "'standard', 'CL-RM', ?, NULL)",
             {ana, cipher_.Encrypt(address)});
    return {};
  }));
  const crypto::Cipher next = NewCipher();
  auto rotated = RotateEncryptionKey(db_, cipher_, next);
  ASSERT_TRUE(rotated) << rotated.error().detail;
  EXPECT_EQ(*rotated, 1);
  auto stored = db_.Read([&](db::UnitOfWork& uow) -> Result<db::Row> {
    return *uow.QueryOne("SELECT shipping_address, billing_address FROM orders WHERE order_number = 'MOD-2026-ROTATE'");
  });
  ASSERT_TRUE(stored);
  EXPECT_EQ(next.Decrypt(stored->Str(0)).value_or(""), address);
  EXPECT_FALSE(cipher_.Decrypt(stored->Str(0)));
  EXPECT_TRUE(stored->IsNull(1));
}

}  // namespace
}  // namespace moderno::accounts::profile
