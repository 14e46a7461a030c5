#include "accounts/profile/rotate_key.hpp"

#include "accounts/profile/queries.hpp"

namespace moderno::accounts::profile {
namespace {

// Decrypts a cell with the old key and encrypts it with the new one; NULL stays NULL.
Result<db::Value> Reseal(const db::Row& row, std::size_t column, const char* name,
                         const crypto::Cipher& old_key, const crypto::Cipher& new_key, int& count) {
  if (row.IsNull(column)) return db::Value(db::kNull);
  auto clear = old_key.Decrypt(row.Str(column));
  if (!clear) {
    return Fail(Errc::kInvalidArgument,
                std::string(name) + " of row " + std::to_string(row.Int(0)) +
                    " does not decrypt with the current key; nothing was changed",
                clear.error().internal);
  }
  ++count;
  return db::Value(new_key.Encrypt(*clear));
}

}  // namespace

Result<int> RotateEncryptionKey(db::Database& db, const crypto::Cipher& old_key,
                                const crypto::Cipher& new_key) {
  return db.Write([&](db::UnitOfWork& uow) -> Result<int> {
    int count = 0;  // a retried unit of work counts again from zero
    // Pages in id order, so that memory stays bounded on a large table.
    for (std::int64_t after = 0;;) {
      const db::Rows page = uow.Query(sql::kUserPhonesPage, {after});
      if (page.empty()) break;
      for (const db::Row& r : page) {
        auto phone = Reseal(r, 1, "users.phone", old_key, new_key, count);
        if (!phone) return std::unexpected(phone.error());
        uow.Exec(sql::kSetUserPhone, {*phone, r.Int(0)});
        after = r.Int(0);
      }
    }
    for (std::int64_t after = 0;;) {
      const db::Rows page = uow.Query(sql::kAddressSecretsPage, {after});
      if (page.empty()) break;
      for (const db::Row& r : page) {
        std::vector<db::Value> params;
        constexpr const char* kColumns[] = {"addresses.recipient_name", "addresses.street",
                                            "addresses.number", "addresses.apartment",
                                            "addresses.phone"};
        for (std::size_t i = 0; i < std::size(kColumns); ++i) {
          auto v = Reseal(r, i + 1, kColumns[i], old_key, new_key, count);
          if (!v) return std::unexpected(v.error());
          params.push_back(std::move(*v));
        }
        params.emplace_back(r.Int(0));
        uow.Exec(sql::kSetAddressSecrets, params);
        after = r.Int(0);
      }
    }
    // Orders keep the shipping and billing addresses they were placed with, encrypted.
    for (std::int64_t after = 0;;) {
      const db::Rows page = uow.Query(
          "SELECT id, shipping_address, billing_address FROM orders WHERE id > ? ORDER BY id LIMIT 500", {after});
      if (page.empty()) break;
      for (const db::Row& r : page) {
        auto shipping = Reseal(r, 1, "orders.shipping_address", old_key, new_key, count);
        if (!shipping) return std::unexpected(shipping.error());
        auto billing = Reseal(r, 2, "orders.billing_address", old_key, new_key, count);
        if (!billing) return std::unexpected(billing.error());
        uow.Exec("UPDATE orders SET shipping_address = ?, billing_address = ? WHERE id = ?",
                 {*shipping, *billing, r.Int(0)});
        after = r.Int(0);
      }
    }
    return count;
  });
}

}  // namespace moderno::accounts::profile
