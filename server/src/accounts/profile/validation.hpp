#pragma once
// Rules for profile and address fields: pure functions, so every rule is unit-tested without a
// database. Field names in errors are the JSON names of the request.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/profile/model.hpp"
#include "platform/error.hpp"

namespace moderno::accounts::profile {

// An E.164-like phone: 8 to 16 digits with an optional leading '+'. Spaces, dashes, dots and
// parentheses are dropped first ("+56 9 1234-5678" -> "+56912345678"); nullopt when invalid.
std::optional<std::string> NormalizePhone(std::string_view text);

// The canonical name of a Chilean region from its name, ISO code (CL-RM or RM) or a common
// alternative spelling, ignoring case, accents and a leading "Región de"; nullopt when none.
std::optional<std::string_view> CanonicalChileanRegion(std::string_view text);

// Trims and checks a PUT /me; normalises the phone in place. Empty when valid.
std::vector<FieldError> ValidateProfileUpdate(ProfileUpdate& update);

// Merges `input` into `fields` (absent keeps, null clears) and checks the result: street,
// number, comuna, city and region required; region one of the 16 when the country is CL;
// lengths; phone format. Normalises in place (trimmed text, upper-case country, canonical
// region, normalised phone). Empty when valid. An empty recipient_name is left for the caller
// to fill in.
std::vector<FieldError> ApplyAddressInput(const AddressInput& input, AddressFields& fields);

}  // namespace moderno::accounts::profile
