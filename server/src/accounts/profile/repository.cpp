#include "accounts/profile/repository.hpp"

#include <boost/json.hpp>
#include <map>

#include "accounts/profile/queries.hpp"
#include "platform/time/time.hpp"

namespace moderno::accounts::profile {
namespace {

std::optional<std::string> OptIso(const db::Row& r, std::size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return time::IsoFromSql(r.Str(i));
}

// An unusable password hash: not an argon2 string, so no password ever verifies against it,
// and random, so it reveals nothing.
std::string UnusablePasswordHash() { return "!erased!" + crypto::RandomToken(32); }

}  // namespace

db::Value Repository::Seal(const std::optional<std::string>& clear) const {
  if (!clear) return db::kNull;
  return cipher_.Encrypt(*clear);
}

Result<std::optional<Profile>> Repository::FindProfile(db::UnitOfWork& uow,
                                                       std::int64_t user_id) const {
  auto row = uow.QueryOne(sql::kProfile, {user_id});
  if (!row) return std::optional<Profile>();
  Profile p;
  p.id = row->Int(0);
  p.email = row->Str(1);
  p.name = row->Str(2);
  if (!row->IsNull(3)) {
    auto phone = cipher_.Decrypt(row->Str(3));
    if (!phone) {
      return Fail(Errc::kInternal, "",
                  "users.phone of user " + std::to_string(user_id) + " does not decrypt: " +
                      phone.error().internal);
    }
    p.phone = std::move(*phone);
  }
  p.role = row->Str(4);
  p.email_verified = row->Bool(5);
  p.is_active = row->Bool(6);
  p.password_changed_at = OptIso(*row, 7);
  p.created_at = time::IsoFromSql(row->Str(8));
  p.updated_at = time::IsoFromSql(row->Str(9));
  p.locale = row->Str(10);
  return std::optional<Profile>(std::move(p));
}

std::optional<std::string> Repository::PasswordHash(db::UnitOfWork& uow,
                                                    std::int64_t user_id) const {
  auto row = uow.QueryOne(sql::kPasswordHash, {user_id});
  if (!row) return std::nullopt;
  return row->Str(0);
}

void Repository::SetName(db::UnitOfWork& uow, std::int64_t user_id, const std::string& name) const {
  uow.Exec(sql::kUpdateName, {name, user_id});
}

void Repository::SetPhone(db::UnitOfWork& uow, std::int64_t user_id,
                          const std::optional<std::string>& phone) const {
  uow.Exec(sql::kUpdatePhone, {Seal(phone), user_id});
}

void Repository::SetLocale(db::UnitOfWork& uow, std::int64_t user_id, const std::string& locale) const {
  uow.Exec(sql::kUpdateLocale, {locale, user_id});
}

bool Repository::LockUser(db::UnitOfWork& uow, std::int64_t user_id) const {
  const auto sql = uow.dialect() == db::Dialect::kMysql ? sql::kLockUserMysql : sql::kLockUserSqlite;
  return uow.QueryOne(sql, {user_id}).has_value();
}

Result<Address> Repository::ReadAddress(const db::Row& r) const {
  Address a;
  a.id = r.Int(0);
  a.user_id = r.Int(1);
  auto open = [&](std::size_t i, const char* column) -> Result<std::optional<std::string>> {
    if (r.IsNull(i)) return std::optional<std::string>();
    auto clear = cipher_.Decrypt(r.Str(i));
    if (!clear) {
      return Fail(Errc::kInternal, "",
                  std::string("addresses.") + column + " of address " + std::to_string(a.id) +
                      " does not decrypt: " + clear.error().internal);
    }
    return std::optional<std::string>(std::move(*clear));
  };
  AddressFields& f = a.fields;
  f.label = r.OptStr(2);
  auto recipient = open(3, "recipient_name");
  auto street = open(4, "street");
  auto number = open(5, "number");
  auto apartment = open(6, "apartment");
  auto phone = open(12, "phone");
  for (const auto* v : {&recipient, &street, &number, &apartment, &phone}) {
    if (!*v) return std::unexpected(v->error());
  }
  f.recipient_name = recipient->value_or("");
  f.street = street->value_or("");
  f.number = number->value_or("");
  f.apartment = *apartment;
  f.comuna = r.Str(7);
  f.city = r.Str(8);
  f.region = r.Str(9);
  f.postal_code = r.OptStr(10);
  f.country = r.Str(11);
  f.phone = *phone;
  f.is_default_shipping = r.Bool(13);
  f.is_default_billing = r.Bool(14);
  a.created_at = time::IsoFromSql(r.Str(15));
  a.updated_at = time::IsoFromSql(r.Str(16));
  return a;
}

Result<std::vector<Address>> Repository::ListAddresses(db::UnitOfWork& uow,
                                                       std::int64_t user_id) const {
  std::vector<Address> out;
  for (const db::Row& r :
       uow.Query(std::string(sql::kSelectAddresses) + std::string(sql::kAddressesOfUser), {user_id})) {
    auto a = ReadAddress(r);
    if (!a) return std::unexpected(a.error());
    out.push_back(std::move(*a));
  }
  return out;
}

Result<std::optional<Address>> Repository::FindAddress(db::UnitOfWork& uow, std::int64_t user_id,
                                                       std::int64_t id) const {
  auto row = uow.QueryOne(std::string(sql::kSelectAddresses) + std::string(sql::kAddressOfUser),
                          {id, user_id});
  if (!row) return std::optional<Address>();
  auto a = ReadAddress(*row);
  if (!a) return std::unexpected(a.error());
  return std::optional<Address>(std::move(*a));
}

std::int64_t Repository::CountAddresses(db::UnitOfWork& uow, std::int64_t user_id) const {
  return uow.QueryOne(sql::kCountAddresses, {user_id})->Int(0);
}

std::int64_t Repository::InsertAddress(db::UnitOfWork& uow, std::int64_t user_id,
                                       const AddressFields& f) const {
  return uow
      .Exec(sql::kInsertAddress,
            {user_id, db::Opt(f.label), cipher_.Encrypt(f.recipient_name),
             cipher_.Encrypt(f.street), cipher_.Encrypt(f.number), Seal(f.apartment), f.comuna,
             f.city, f.region, db::Opt(f.postal_code), f.country, Seal(f.phone),
             std::int64_t{f.is_default_shipping}, std::int64_t{f.is_default_billing}})
      .last_insert_id;
}

void Repository::UpdateAddress(db::UnitOfWork& uow, std::int64_t user_id, std::int64_t id,
                               const AddressFields& f) const {
  uow.Exec(sql::kUpdateAddress,
           {db::Opt(f.label), cipher_.Encrypt(f.recipient_name), cipher_.Encrypt(f.street),
            cipher_.Encrypt(f.number), Seal(f.apartment), f.comuna, f.city, f.region,
            db::Opt(f.postal_code), f.country, Seal(f.phone), std::int64_t{f.is_default_shipping},
            std::int64_t{f.is_default_billing}, id, user_id});
}

void Repository::ClearOtherDefaults(db::UnitOfWork& uow, std::int64_t user_id,
                                    std::int64_t keep_id, bool shipping, bool billing) const {
  if (shipping) uow.Exec(sql::kClearDefaultShipping, {user_id, keep_id});
  if (billing) uow.Exec(sql::kClearDefaultBilling, {user_id, keep_id});
}

bool Repository::DeleteAddress(db::UnitOfWork& uow, std::int64_t user_id, std::int64_t id) const {
  return uow.Exec(sql::kDeleteAddress, {id, user_id}).affected > 0;
}

std::vector<OrderRecord> Repository::Orders(db::UnitOfWork& uow, std::int64_t user_id) const {
  std::vector<OrderRecord> out;
  std::map<std::int64_t, std::size_t> index;
  for (const db::Row& r : uow.Query(
           "SELECT id, order_number, status, payment_status, payment_method, total_amount, currency, "
           "shipping_address, created_at FROM orders WHERE user_id = ? ORDER BY id",
           {user_id})) {
    OrderRecord o;
    o.order_number = r.Str(1);
    o.status = r.Str(2);
    o.payment_status = r.Str(3);
    o.payment_method = r.Str(4);
    o.total_amount = r.Int(5);
    o.currency = r.Str(6);
    auto address = cipher_.Decrypt(r.Str(7));
    o.shipping_address_json = address ? *address : "{}";
    o.created_at = time::IsoFromSql(r.Str(8));
    o.lines_json = "[]";
    index[r.Int(0)] = out.size();
    out.push_back(std::move(o));
  }
  // The lines of every order in one statement.
  std::map<std::int64_t, boost::json::array> lines;
  for (const db::Row& r : uow.Query(
           "SELECT oi.order_id, oi.sku, oi.name, oi.quantity, oi.unit_price FROM order_items oi "
           "JOIN orders o ON o.id = oi.order_id WHERE o.user_id = ? ORDER BY oi.id",
           {user_id})) {
    lines[r.Int(0)].push_back(boost::json::object{
        {"sku", r.Str(1)}, {"name", r.Str(2)}, {"quantity", r.Int(3)}, {"unit_price", r.Int(4)}});
  }
  for (auto& [order_id, list] : lines) {
    if (auto it = index.find(order_id); it != index.end()) out[it->second].lines_json = boost::json::serialize(list);
  }
  return out;
}

std::vector<ReviewRecord> Repository::Reviews(db::UnitOfWork& uow, std::int64_t user_id) const {
  std::vector<ReviewRecord> out;
  for (const db::Row& r : uow.Query(sql::kReviewsOfUser, {user_id})) {
    ReviewRecord v;
    v.id = r.Int(0);
    v.product_id = r.Int(1);
    v.product_name = r.Str(2);
    v.order_id = r.OptInt(3);
    v.rating = static_cast<int>(r.Int(4));
    v.title = r.OptStr(5);
    v.comment = r.OptStr(6);
    v.is_verified_purchase = r.Bool(7);
    v.status = r.Str(8);
    v.helpful_count = r.Int(9);
    v.created_at = time::IsoFromSql(r.Str(10));
    v.updated_at = time::IsoFromSql(r.Str(11));
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<SessionRecord> Repository::Sessions(db::UnitOfWork& uow, std::int64_t user_id) const {
  std::vector<SessionRecord> out;
  for (const db::Row& r : uow.Query(sql::kSessionsOfUser, {user_id})) {
    out.push_back({time::IsoFromSql(r.Str(0)), time::IsoFromSql(r.Str(1)), OptIso(r, 2), OptIso(r, 3),
                   r.OptStr(4), r.OptStr(5)});
  }
  return out;
}

std::vector<LoginAttemptRecord> Repository::LoginAttempts(db::UnitOfWork& uow,
                                                          std::int64_t user_id,
                                                          const std::string& email) const {
  std::vector<LoginAttemptRecord> out;
  for (const db::Row& r : uow.Query(sql::kLoginAttemptsOfUser, {user_id, email})) {
    out.push_back({time::IsoFromSql(r.Str(0)), r.OptStr(1), r.Bool(2)});
  }
  return out;
}

std::vector<EmailTokenRecord> Repository::EmailTokens(db::UnitOfWork& uow,
                                                      std::int64_t user_id) const {
  std::vector<EmailTokenRecord> out;
  for (const db::Row& r : uow.Query(sql::kEmailTokensOfUser, {user_id})) {
    out.push_back({r.Str(0), time::IsoFromSql(r.Str(1)), time::IsoFromSql(r.Str(2)), OptIso(r, 3)});
  }
  return out;
}

std::vector<std::string> Repository::PasswordHistory(db::UnitOfWork& uow,
                                                     std::int64_t user_id) const {
  std::vector<std::string> out;
  for (const db::Row& r : uow.Query(sql::kPasswordHistoryOfUser, {user_id})) {
    out.push_back(time::IsoFromSql(r.Str(0)));
  }
  return out;
}

std::vector<std::string> Repository::RevokedAccessTokens(db::UnitOfWork& uow,
                                                         std::int64_t user_id) const {
  std::vector<std::string> out;
  for (const db::Row& r : uow.Query(sql::kRevokedTokensOfUser, {user_id})) {
    out.push_back(time::IsoFromSql(r.Str(0)));
  }
  return out;
}

std::vector<AuditRecord> Repository::AuditByUser(db::UnitOfWork& uow,
                                                 std::int64_t user_id) const {
  std::vector<AuditRecord> out;
  for (const db::Row& r : uow.Query(sql::kAuditByUser, {user_id})) {
    out.push_back({r.Str(0), r.Str(1), r.OptStr(2), r.OptStr(3), r.OptStr(4), time::IsoFromSql(r.Str(5))});
  }
  return out;
}

std::vector<AuditRecord> Repository::AuditAboutUser(db::UnitOfWork& uow,
                                                    std::int64_t user_id) const {
  std::vector<AuditRecord> out;
  for (const db::Row& r : uow.Query(sql::kAuditAboutUser, {std::to_string(user_id), user_id})) {
    out.push_back({r.Str(0), r.Str(1), r.OptStr(2), r.OptStr(3), std::nullopt, time::IsoFromSql(r.Str(4))});
  }
  return out;
}

bool Repository::Erase(db::UnitOfWork& uow, std::int64_t user_id,
                       const std::string& verified_hash) const {
  auto email_row = uow.QueryOne(sql::kEmail, {user_id});
  if (!email_row) return false;
  const std::string email = email_row->Str(0);
  if (uow.dialect() == db::Dialect::kSqlite) uow.Exec(sql::kSecureDeleteSqlite);
  const std::string anonymous_email = "deleted-" + std::to_string(user_id) + "@anonimizado.invalid";
  // The user row first: when the password changed meanwhile nothing else is touched either.
  const auto anonymised = uow.Exec(sql::kAnonymiseUser, {anonymous_email, kErasedName,
                                                         UnusablePasswordHash(), user_id,
                                                         verified_hash});
  if (anonymised.affected == 0) return false;
  uow.Exec(sql::kDeleteAddressesOfUser, {user_id});
  // Orders stay (accounting keeps them) without the addresses and notes they carried.
  uow.Exec("UPDATE orders SET shipping_address = ?, billing_address = NULL, notes = NULL WHERE user_id = ?",
           {cipher_.Encrypt(R"({"erased":true})"), user_id});
  uow.Exec("DELETE FROM carts WHERE user_id = ?", {user_id});
  uow.Exec(sql::kDeleteRefreshTokens, {user_id});
  uow.Exec(sql::kDeleteEmailTokens, {user_id});
  uow.Exec(sql::kDeletePasswordHistory, {user_id});
  uow.Exec(sql::kDeleteLoginAttempts, {user_id, email});
  return true;
}

}  // namespace moderno::accounts::profile
