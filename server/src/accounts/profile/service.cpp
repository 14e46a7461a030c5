#include "accounts/profile/service.hpp"

#include "accounts/password.hpp"
#include "accounts/profile/validation.hpp"
#include "platform/log/log.hpp"

namespace moderno::accounts::profile {
namespace {

// A valid token for a user row that is gone (a restored backup, a reset database).
std::unexpected<Error> AccountGone() {
  return Fail(Errc::kUnauthenticated, "The account no longer exists.");
}

std::unexpected<Error> AddressNotFound(std::int64_t id) {
  return Fail(Errc::kNotFound, "No address with id " + std::to_string(id) + ".");
}

}  // namespace

Result<Profile> Service::GetProfile(std::int64_t user_id) {
  auto profile = db_.Read([&](db::UnitOfWork& uow) { return repo_.FindProfile(uow, user_id); });
  if (!profile) return std::unexpected(profile.error());
  if (!*profile) return AccountGone();
  return std::move(**profile);
}

Result<Profile> Service::UpdateProfile(std::int64_t user_id, ProfileUpdate update) {
  if (auto errors = ValidateProfileUpdate(update); !errors.empty()) return Invalid(std::move(errors));
  auto profile = db_.Write([&](db::UnitOfWork& uow) -> Result<std::optional<Profile>> {
    if (!repo_.LockUser(uow, user_id)) return std::optional<Profile>();
    if (update.name) repo_.SetName(uow, user_id, *update.name);
    if (update.phone) repo_.SetPhone(uow, user_id, *update.phone);
    if (update.locale) repo_.SetLocale(uow, user_id, *update.locale);
    return repo_.FindProfile(uow, user_id);
  });
  if (!profile) return std::unexpected(profile.error());
  if (!*profile) return AccountGone();
  return std::move(**profile);
}

Result<std::vector<Address>> Service::ListAddresses(std::int64_t user_id) {
  return db_.Read([&](db::UnitOfWork& uow) { return repo_.ListAddresses(uow, user_id); });
}

Result<Address> Service::GetAddress(std::int64_t user_id, std::int64_t id) {
  auto address = db_.Read([&](db::UnitOfWork& uow) { return repo_.FindAddress(uow, user_id, id); });
  if (!address) return std::unexpected(address.error());
  if (!*address) return AddressNotFound(id);
  return std::move(**address);
}

Result<Address> Service::CreateAddress(std::int64_t user_id, const AddressInput& input) {
  AddressFields checked;
  if (auto errors = ApplyAddressInput(input, checked); !errors.empty()) {
    return Invalid(std::move(errors));
  }
  return db_.Write([&](db::UnitOfWork& uow) -> Result<Address> {
    AddressFields f = checked;  // a retried unit of work starts again from the checked input
    // The user's row lock makes the count and the default switch safe against a concurrent
    // request of the same user.
    if (!repo_.LockUser(uow, user_id)) return AccountGone();
    const std::int64_t count = repo_.CountAddresses(uow, user_id);
    if (count >= kMaxAddressesPerUser) {
      return Invalid({{"addresses", "limit_reached",
                       "at most " + std::to_string(kMaxAddressesPerUser) +
                           " addresses may be kept; delete one first"}},
                     "The address book is full.");
    }
    if (count == 0) {
      if (!input.is_default_shipping) f.is_default_shipping = true;
      if (!input.is_default_billing) f.is_default_billing = true;
    }
    if (f.recipient_name.empty()) {
      auto profile = repo_.FindProfile(uow, user_id);
      if (!profile) return std::unexpected(profile.error());
      f.recipient_name = (*profile)->name;
    }
    const std::int64_t id = repo_.InsertAddress(uow, user_id, f);
    repo_.ClearOtherDefaults(uow, user_id, id, f.is_default_shipping, f.is_default_billing);
    auto saved = repo_.FindAddress(uow, user_id, id);
    if (!saved) return std::unexpected(saved.error());
    return std::move(**saved);
  });
}

Result<Address> Service::UpdateAddress(std::int64_t user_id, std::int64_t id,
                                       const AddressInput& input) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<Address> {
    if (!repo_.LockUser(uow, user_id)) return AccountGone();
    auto existing = repo_.FindAddress(uow, user_id, id);
    if (!existing) return std::unexpected(existing.error());
    if (!*existing) return AddressNotFound(id);
    AddressFields f = (*existing)->fields;
    if (auto errors = ApplyAddressInput(input, f); !errors.empty()) {
      return Invalid(std::move(errors));
    }
    if (f.recipient_name.empty()) {
      auto profile = repo_.FindProfile(uow, user_id);
      if (!profile) return std::unexpected(profile.error());
      f.recipient_name = (*profile)->name;
    }
    repo_.UpdateAddress(uow, user_id, id, f);
    repo_.ClearOtherDefaults(uow, user_id, id, f.is_default_shipping, f.is_default_billing);
    auto saved = repo_.FindAddress(uow, user_id, id);
    if (!saved) return std::unexpected(saved.error());
    return std::move(**saved);
  });
}

Result<void> Service::DeleteAddress(std::int64_t user_id, std::int64_t id) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    if (!repo_.DeleteAddress(uow, user_id, id)) return AddressNotFound(id);
    return {};
  });
}

Result<DataExport> Service::Export(std::int64_t user_id) {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<DataExport> {
    DataExport out;
    auto profile = repo_.FindProfile(uow, user_id);
    if (!profile) return std::unexpected(profile.error());
    if (!*profile) return AccountGone();
    out.profile = std::move(**profile);
    auto addresses = repo_.ListAddresses(uow, user_id);
    if (!addresses) return std::unexpected(addresses.error());
    out.addresses = std::move(*addresses);
    out.orders = repo_.Orders(uow, user_id);
    out.reviews = repo_.Reviews(uow, user_id);
    out.sessions = repo_.Sessions(uow, user_id);
    out.login_attempts = repo_.LoginAttempts(uow, user_id, out.profile.email);
    out.email_tokens = repo_.EmailTokens(uow, user_id);
    out.password_history = repo_.PasswordHistory(uow, user_id);
    out.revoked_access_tokens = repo_.RevokedAccessTokens(uow, user_id);
    out.audit_by_user = repo_.AuditByUser(uow, user_id);
    out.audit_about_user = repo_.AuditAboutUser(uow, user_id);
    return out;
  });
}

Result<void> Service::DeleteAccount(std::int64_t user_id, const std::string& password) {
  // The slow hash check runs before the write transaction, so that it holds no lock; the
  // erasure then only applies if the hash is still the one checked.
  auto hash = db_.Read([&](db::UnitOfWork& uow) -> Result<std::optional<std::string>> {
    return repo_.PasswordHash(uow, user_id);
  });
  if (!hash) return std::unexpected(hash.error());
  if (!*hash) return AccountGone();
  if (password.empty() || !VerifyPassword(**hash, password)) {
    log::Security("account_erasure_refused", {{"user_id", static_cast<long long>(user_id)},
                                              {"reason", "wrong_password"}});
    Error e;
    e.code = Errc::kUnauthenticated;
    e.type = "wrong_password";
    e.detail = "The password is not correct.";
    return std::unexpected(std::move(e));
  }
  auto erased = db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    if (!repo_.Erase(uow, user_id, **hash)) {
      return Fail(Errc::kConflict,
                  "The password changed while the account was being deleted; try again.");
    }
    return {};
  });
  if (!erased) return erased;
  log::Security("account_erased", {{"user_id", static_cast<long long>(user_id)}});
  return {};
}

}  // namespace moderno::accounts::profile
