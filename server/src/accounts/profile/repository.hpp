#pragma once
// Rows of the profile operations. The one place that knows which columns are encrypted: it
// encrypts on the way in and decrypts on the way out, so callers only ever see clear text.
// Takes a unit of work and never opens transactions; every address query names its owner.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/profile/model.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/db/db.hpp"

namespace moderno::accounts::profile {

// Profile and address rows of one user at a time.
class Repository {
 public:
  explicit Repository(const crypto::Cipher& cipher) : cipher_(cipher) {}

  // The user, or nullopt when there is none. kInternal when the phone does not decrypt.
  Result<std::optional<Profile>> FindProfile(db::UnitOfWork& uow, std::int64_t user_id) const;
  // The password hash of an active user.
  std::optional<std::string> PasswordHash(db::UnitOfWork& uow, std::int64_t user_id) const;
  // Changes the display name.
  void SetName(db::UnitOfWork& uow, std::int64_t user_id, const std::string& name) const;
  // Stores the phone encrypted (nullopt: removes it).
  void SetLocale(db::UnitOfWork& uow, std::int64_t user_id, const std::string& locale) const;
  void SetPhone(db::UnitOfWork& uow, std::int64_t user_id,
                const std::optional<std::string>& phone) const;
  // Locks the user's row until the transaction ends (MySQL); false when there is no user.
  bool LockUser(db::UnitOfWork& uow, std::int64_t user_id) const;

  // The user's addresses in creation order; kInternal when one does not decrypt.
  Result<std::vector<Address>> ListAddresses(db::UnitOfWork& uow, std::int64_t user_id) const;
  // The address when it belongs to the user; nullopt otherwise (missing or someone else's).
  Result<std::optional<Address>> FindAddress(db::UnitOfWork& uow, std::int64_t user_id,
                                             std::int64_t id) const;
  // How many addresses the user keeps.
  std::int64_t CountAddresses(db::UnitOfWork& uow, std::int64_t user_id) const;
  // Inserts and returns the new id.
  std::int64_t InsertAddress(db::UnitOfWork& uow, std::int64_t user_id,
                             const AddressFields& fields) const;
  // Rewrites the user's address `id`; the caller found it first (MySQL counts changed rows, not
  // matched ones, so the row count cannot tell a missing address from an unchanged one).
  void UpdateAddress(db::UnitOfWork& uow, std::int64_t user_id, std::int64_t id,
                     const AddressFields& fields) const;
  // Clears the default flags that `keep_id` now holds from the user's other addresses.
  void ClearOtherDefaults(db::UnitOfWork& uow, std::int64_t user_id, std::int64_t keep_id,
                          bool shipping, bool billing) const;
  // False when the user has no address with that id.
  bool DeleteAddress(db::UnitOfWork& uow, std::int64_t user_id, std::int64_t id) const;

  // The other rows held about the user, for the export (no password or token hashes).
  std::vector<ReviewRecord> Reviews(db::UnitOfWork& uow, std::int64_t user_id) const;
  std::vector<OrderRecord> Orders(db::UnitOfWork& uow, std::int64_t user_id) const;
  std::vector<SessionRecord> Sessions(db::UnitOfWork& uow, std::int64_t user_id) const;
  std::vector<LoginAttemptRecord> LoginAttempts(db::UnitOfWork& uow, std::int64_t user_id,
                                                const std::string& email) const;
  std::vector<EmailTokenRecord> EmailTokens(db::UnitOfWork& uow, std::int64_t user_id) const;
  std::vector<std::string> PasswordHistory(db::UnitOfWork& uow, std::int64_t user_id) const;
  std::vector<std::string> RevokedAccessTokens(db::UnitOfWork& uow, std::int64_t user_id) const;
  std::vector<AuditRecord> AuditByUser(db::UnitOfWork& uow, std::int64_t user_id) const;
  std::vector<AuditRecord> AuditAboutUser(db::UnitOfWork& uow, std::int64_t user_id) const;

  // Erases the user's personal data: addresses, sessions, email tokens, password history and
  // login attempts deleted; the user row anonymised, deactivated, its tokens invalidated.
  // False (nothing changed) when the password hash is no longer `verified_hash`.
  bool Erase(db::UnitOfWork& uow, std::int64_t user_id, const std::string& verified_hash) const;

 private:
  Result<Address> ReadAddress(const db::Row& row) const;
  db::Value Seal(const std::optional<std::string>& clear) const;

  const crypto::Cipher& cipher_;
};


}  // namespace moderno::accounts::profile
