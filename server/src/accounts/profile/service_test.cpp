// The profile service on a real (SQLite) database: defaults, limits, ownership, encryption at
// rest and erasure. The HTTP suite runs the same flows on both databases.
#include "accounts/profile/service.hpp"

#include <gtest/gtest.h>

#include "accounts/profile/test_fixture.hpp"

namespace moderno::accounts::profile {
namespace {

using ProfileServiceTest = ProfileFixture;

TEST_F(ProfileServiceTest, FirstAddressIsDefaultAndANewDefaultClearsTheOld) {
  const auto user = AddUser("ana@prueba.cl");
  auto first = service_.CreateAddress(user, Home());
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_TRUE(first->fields.is_default_shipping);
  EXPECT_TRUE(first->fields.is_default_billing);
  EXPECT_EQ(first->fields.recipient_name, "Ana Pérez");  // defaults to the account's name
  EXPECT_EQ(first->fields.region, "Metropolitana de Santiago");

  AddressInput office = Home("Av. Apoquindo");
  office.is_default_shipping = true;
  auto second = service_.CreateAddress(user, office);
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->fields.is_default_shipping);
  EXPECT_FALSE(second->fields.is_default_billing);

  auto all = service_.ListAddresses(user);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_FALSE((*all)[0].fields.is_default_shipping);  // moved to the new one
  EXPECT_TRUE((*all)[0].fields.is_default_billing);    // untouched

  AddressInput billing;
  billing.is_default_billing = true;
  ASSERT_TRUE(service_.UpdateAddress(user, second->id, billing));
  all = service_.ListAddresses(user);
  EXPECT_FALSE((*all)[0].fields.is_default_billing);
  EXPECT_TRUE((*all)[1].fields.is_default_billing);
  EXPECT_TRUE((*all)[1].fields.is_default_shipping);
}

TEST_F(ProfileServiceTest, AtMostTwentyAddresses) {
  const auto user = AddUser("ana@prueba.cl");
  for (int i = 0; i < kMaxAddressesPerUser; ++i) {
    ASSERT_TRUE(service_.CreateAddress(user, Home("Calle " + std::to_string(i))));
  }
  auto over = service_.CreateAddress(user, Home());
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, Errc::kInvalidArgument);
  ASSERT_EQ(over.error().fields.size(), 1u);
  EXPECT_EQ(over.error().fields[0].code, "limit_reached");
}

TEST_F(ProfileServiceTest, AnotherUsersAddressIsNotFound) {
  const auto ana = AddUser("ana@prueba.cl");
  const auto beto = AddUser("beto@prueba.cl");
  auto address = service_.CreateAddress(ana, Home());
  ASSERT_TRUE(address);
  EXPECT_EQ(service_.GetAddress(beto, address->id).error().code, Errc::kNotFound);
  EXPECT_EQ(service_.UpdateAddress(beto, address->id, Home("Robada")).error().code, Errc::kNotFound);
  EXPECT_EQ(service_.DeleteAddress(beto, address->id).error().code, Errc::kNotFound);
  EXPECT_TRUE(service_.ListAddresses(beto)->empty());
  EXPECT_EQ(service_.GetAddress(ana, address->id)->fields.street, "Av. Providencia");
}

TEST_F(ProfileServiceTest, PersonalDataIsEncryptedAtRest) {
  const auto user = AddUser("ana@prueba.cl");
  ProfileUpdate update;
  update.phone = std::string("+56911112222");
  ASSERT_TRUE(service_.UpdateProfile(user, update));
  ASSERT_TRUE(service_.CreateAddress(user, Home()));
  auto raw = db_.Read([&](db::UnitOfWork& uow) -> Result<std::vector<std::string>> {
    auto a = uow.QueryOne("SELECT recipient_name, street, number, phone, comuna FROM addresses");
    auto u = uow.QueryOne("SELECT phone FROM users WHERE id = ?", {user});
    return std::vector<std::string>{a->Str(0), a->Str(1), a->Str(2), a->Str(3), a->Str(4), u->Str(0)};
  });
  ASSERT_TRUE(raw);
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u}) EXPECT_TRUE((*raw)[i].starts_with("v1:")) << (*raw)[i];
  EXPECT_EQ((*raw)[1].find("Providencia"), std::string::npos);
  EXPECT_EQ((*raw)[5].find("56911112222"), std::string::npos);
  EXPECT_EQ((*raw)[4], "Providencia");  // comuna stays plain for shipping rates
  EXPECT_EQ(service_.GetProfile(user)->phone, "+56911112222");
}

TEST_F(ProfileServiceTest, EraseNeedsThePasswordAndFreesTheEmail) {
  const auto user = AddUser("ana@prueba.cl");
  ASSERT_TRUE(service_.CreateAddress(user, Home()));
  auto wrong = service_.DeleteAccount(user, "Otra#2026x");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, Errc::kUnauthenticated);
  EXPECT_EQ(service_.GetProfile(user)->email, "ana@prueba.cl");

  ASSERT_TRUE(service_.DeleteAccount(user, "Secreto#2026"));
  auto p = service_.GetProfile(user);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->email, "deleted-" + std::to_string(user) + "@anonimizado.invalid");
  EXPECT_EQ(p->name, "Cliente eliminado");
  EXPECT_FALSE(p->phone);
  EXPECT_FALSE(p->is_active);
  EXPECT_TRUE(service_.ListAddresses(user)->empty());
  // The erased account can no longer be erased (or signed into): its password is unusable.
  EXPECT_EQ(service_.DeleteAccount(user, "Secreto#2026").error().code, Errc::kUnauthenticated);
  EXPECT_GT(AddUser("ana@prueba.cl"), user);
}

}  // namespace
}  // namespace moderno::accounts::profile
