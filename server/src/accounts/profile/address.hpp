#pragma once
// The address contract other domains use (checkout, shipping, the cart's estimate): the address
// value type, reading one from a JSON body as the address book validates it, a customer's saved
// address, and Chile's region codes. Published: other domains include this header, never
// accounts' HTTP layer or repository.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/profile/model.hpp"
#include "accounts/profile/regions.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::accounts::profile {

// The member `name` of `body` as an address (nullopt when absent or null); each problem is
// added to `errors` under "<name>.<field>".
std::optional<AddressFields> ReadAddressMember(const boost::json::object& body, const char* name,
                                               std::vector<FieldError>& errors);

// The saved address `address_id` of `user_id`, decrypted; nullopt when the user has none by that id.
Result<std::optional<AddressFields>> FindSavedAddress(db::UnitOfWork& uow, const crypto::Cipher& cipher,
                                                      std::int64_t user_id, std::int64_t address_id);

// The region (as stored) of the user's default shipping address, else of their first address.
std::optional<std::string> DefaultShippingRegion(db::UnitOfWork& uow, std::int64_t user_id);

// The ISO 3166-2:CL code for a region code or name as customers write it; nullopt when unknown.
std::optional<std::string> RegionCode(std::string_view text);

// The address as JSON, as orders store it.
boost::json::object AddressJson(const AddressFields& a);

}  // namespace moderno::accounts::profile
