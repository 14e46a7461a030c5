#pragma once
// Test fixture shared by the profile service and key-rotation tests: a migrated database
// (SQLite, or MariaDB under scripts/with-mariadb.sh), a fresh key and the service.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "accounts/profile/service.hpp"
#include "accounts/users.hpp"
#include "platform/db/migrate.hpp"
#include "test_store.hpp"

namespace moderno::accounts::profile {

inline crypto::Cipher NewCipher() {
  return *crypto::Cipher::FromBase64Key(crypto::Cipher::NewBase64Key());
}

inline AddressInput Home(std::string street = "Av. Providencia") {
  AddressInput in;
  in.street = std::move(street);
  in.number = std::string("1234");
  in.comuna = std::string("Providencia");
  in.city = std::string("Santiago");
  in.region = std::string("RM");
  in.phone = std::string("+56987654321");
  return in;
}

class ProfileFixture : public ::testing::Test {
 protected:
  ProfileFixture() : db_(tdb_.url(), 2), cipher_(NewCipher()), service_(db_, cipher_) {
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

}  // namespace moderno::accounts::profile
