#pragma once
// Rules for profile and address fields: pure functions, so every rule is unit-tested without a
// database. Field names in errors are the JSON names of the request.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/profile/comunas.hpp"
#include "accounts/profile/model.hpp"
#include "platform/error.hpp"

namespace moderno::accounts::profile {

// An E.164-like phone: 8 to 16 digits with an optional leading '+'. Spaces, dashes, dots and
// parentheses are dropped first ("+56 9 1234-5678" -> "+56912345678"); nullopt when invalid.
std::optional<std::string> NormalizePhone(std::string_view text);

// The canonical name of a Chilean region from its name, ISO code (CL-RM or RM) or a common
// alternative spelling, ignoring case, accents and a leading "Región de"; nullopt when none.
std::optional<std::string_view> CanonicalChileanRegion(std::string_view text);

// The comuna of Chile named `text` (ignoring case, accents and a leading "Comuna de"); nullptr
// when it is not one of the comunas the server knows (comunas.hpp lists the main ones, not all).
const ChileanComuna* FindChileanComuna(std::string_view text);

// The ISO 3166-1 alpha-2 code for a two-letter code in any case ("cl") or a country name in
// English or Spanish, ignoring case and accents ("Chile", "Perú"); nullopt when neither.
std::optional<std::string> CountryCode(std::string_view text);

// A street line split into the street and its number.
struct StreetAndNumber {
  std::string street;
  std::string number;
};

// Splits a street that ends with its number: "Av. Principal 123" -> {"Av. Principal", "123"};
// also "Los Leones 1234 B" (a one-letter suffix stays with the number), "Calle 12-A",
// "Pasaje Uno #45", "Av. Sur N° 10", "Camino Real S/N" or "... sin número" (number "S/N").
// nullopt when the street does not end with a number, when nothing but the number would be
// left, or when the number belongs to a unit ("... Depto 45", "... Km 20").
std::optional<StreetAndNumber> SplitStreetNumber(std::string_view street);

// Trims and checks a PUT /me; normalises the phone in place. Empty when valid.
std::vector<FieldError> ValidateProfileUpdate(ProfileUpdate& update);

// Merges `input` into `fields` (absent keeps, null clears) and checks the result: street,
// number, comuna, city and region required; region one of the 16 when the country is CL;
// lengths; phone format. Normalises in place (trimmed text, ISO country code from a code or a
// name, canonical region, normalised phone, "s/n" as "S/N"). Fills what the input implies: a
// number from the end of a street sent without one; in Chile, the comuna from a city that
// names one, and the region from a known comuna when the region is empty or the input changed
// the comuna without sending a region. A region that contradicts a known comuna is an error
// (code `mismatch`). Empty when valid. An empty recipient_name is left for the caller to fill
// in.
std::vector<FieldError> ApplyAddressInput(const AddressInput& input, AddressFields& fields);

}  // namespace moderno::accounts::profile
