#pragma once
// The signed-in customer's own data: profile, addresses, export and erasure. Every operation
// takes the user id from the access token, never from the request, and treats another
// customer's address as a missing one (404, never 403).
#include <cstdint>
#include <string>
#include <vector>

#include "accounts/profile/model.hpp"
#include "accounts/profile/repository.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/db/db.hpp"

namespace moderno::accounts::profile {

// The operations behind /api/v1/me; each opens its own unit of work.
class Service {
 public:
  Service(db::Database& db, const crypto::Cipher& cipher) : db_(db), repo_(cipher) {}

  // The user's profile; 401 when the account is gone.
  Result<Profile> GetProfile(std::int64_t user_id);
  // Changes name and/or phone; 422 per invalid field.
  Result<Profile> UpdateProfile(std::int64_t user_id, ProfileUpdate update);

  // The user's addresses, oldest first.
  Result<std::vector<Address>> ListAddresses(std::int64_t user_id);
  // 404 when the user has no address with that id.
  Result<Address> GetAddress(std::int64_t user_id, std::int64_t id);
  // 422 per invalid field, or when the user already has kMaxAddressesPerUser addresses. The
  // user's first address becomes the default for shipping and billing unless it says otherwise;
  // a new default clears the previous one in the same transaction.
  Result<Address> CreateAddress(std::int64_t user_id, const AddressInput& input);
  // Changes the fields present in `input`; 404 and 422 as above.
  Result<Address> UpdateAddress(std::int64_t user_id, std::int64_t id, const AddressInput& input);
  // 404 when the user has no address with that id.
  Result<void> DeleteAddress(std::int64_t user_id, std::int64_t id);

  // Everything held about the user, decrypted (no password or token hashes).
  Result<DataExport> Export(std::int64_t user_id);

  // Erases the account after checking its password (401 when wrong): personal data deleted or
  // anonymised in one transaction, every session and access token revoked, the email freed.
  Result<void> DeleteAccount(std::int64_t user_id, const std::string& password);

 private:
  db::Database& db_;
  Repository repo_;
};

}  // namespace moderno::accounts::profile
