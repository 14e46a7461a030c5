#include "accounts/profile/validation.hpp"

#include <algorithm>
#include <cctype>

#include "accounts/profile/regions.hpp"
#include "platform/text/fold.hpp"

namespace moderno::accounts::profile {
namespace {

std::string Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

// Counts UTF-8 code points, so that limits mean characters for accented names.
std::size_t Characters(std::string_view s) {
  return static_cast<std::size_t>(
      std::ranges::count_if(s, [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

// Control characters have no place in a name or an address line (they break labels and CSVs).
bool HasControl(std::string_view s) {
  return std::ranges::any_of(s, [](unsigned char c) { return c < 0x20 || c == 0x7F; });
}

// Trims a required text field and checks it; empty stays empty for the caller to report.
void CheckText(std::vector<FieldError>& errors, const char* field, std::string& value,
               std::size_t max, bool required) {
  value = Trim(value);
  if (value.empty()) {
    if (required) errors.push_back({field, "required", std::string(field) + " is required"});
    return;
  }
  if (Characters(value) > max) {
    errors.push_back({field, "too_long",
                      std::string(field) + " must be at most " + std::to_string(max) +
                          " characters"});
  } else if (HasControl(value)) {
    errors.push_back({field, "invalid", std::string(field) + " must not contain control characters"});
  }
}

// The same for an optional field: blank becomes absent.
void CheckOptionalText(std::vector<FieldError>& errors, const char* field,
                       std::optional<std::string>& value, std::size_t max) {
  if (!value) return;
  CheckText(errors, field, *value, max, false);
  if (value->empty()) value.reset();
}

bool HasError(const std::vector<FieldError>& errors, std::string_view field) {
  return std::ranges::any_of(errors, [&](const FieldError& e) { return e.field == field; });
}

template <class T>
void Merge(const Patch<T>& patch, std::optional<T>& target) {
  if (patch) target = *patch;
}

template <class T>
void Merge(const Patch<T>& patch, T& target) {
  if (patch) target = patch->value_or(T{});
}

// The words of a line, split on spaces and tabs.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto start = text.find_first_not_of(" \t", i);
    if (start == std::string_view::npos) break;
    const auto end = std::min(text.find_first_of(" \t", start), text.size());
    words.emplace_back(text.substr(start, end - start));
    i = end;
  }
  return words;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// "s/n", "S / N", "sin número": a plot without a number, stored as "S/N".
bool IsSinNumero(std::string_view text) {
  std::string folded = text::Fold(text);
  std::erase_if(folded, [](char c) { return c == ' ' || c == '\t' || c == '.'; });
  return folded == "s/n" || folded == "sinnumero";
}

// A house number: up to 6 digits, then at most a letter ("123B") or a dash and up to four
// letters or digits ("12-A").
bool IsHouseNumber(std::string_view word) {
  std::size_t digits = 0;
  while (digits < word.size() && IsAsciiDigit(word[digits])) ++digits;
  if (digits == 0 || digits > 6) return false;
  const std::string_view rest = word.substr(digits);
  if (rest.empty()) return true;
  if (rest.size() == 1) return IsAsciiLetter(rest[0]);
  return rest[0] == '-' && rest.size() <= 5 &&
         std::ranges::all_of(rest.substr(1), [](char c) { return IsAsciiLetter(c) || IsAsciiDigit(c); });
}

// The word before a number that only says "number": "#", "N°", "No.", "Nro", "Núm.".
bool IsNumberMarker(std::string_view word) {
  const std::string w = text::Fold(word);
  for (std::string_view m : {"#", "n\u00b0", "n\u00ba", "no", "no.", "nro", "nro.", "num", "num.", "numero"}) {
    if (w == m) return true;
  }
  return false;
}

// "#45", "N°45", "Nº45": the number without its glued marker.
std::string_view WithoutGluedMarker(std::string_view word) {
  for (std::string_view m : {"#", "N\u00b0", "n\u00b0", "N\u00ba", "n\u00ba"}) {
    if (word.size() > m.size() && word.starts_with(m) && IsAsciiDigit(word[m.size()])) return word.substr(m.size());
  }
  return word;
}

// Words after which a number is part of a unit or of the street's own name ("Depto 45",
// "Km 20", "Ruta 68", "Calle 10"), not the house number.
bool NumberBelongsToWord(std::string_view word) {
  std::string w = text::Fold(word);
  if (w.ends_with('.')) w.pop_back();
  for (std::string_view unit : {"depto", "dpto", "departamento", "of", "oficina", "casa", "piso", "block", "torre",
                                "local", "km", "kilometro", "parcela", "lote", "sitio", "ruta", "calle", "pasaje",
                                "psje", "pje"}) {
    if (w == unit) return true;
  }
  return false;
}

const ChileanRegion* RegionByCode(std::string_view code) {
  for (const ChileanRegion& r : kChileanRegions) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

// A country's name, folded, and its ISO 3166-1 alpha-2 code: Chile and the countries an order
// from Chile is most likely to name.
struct CountryName {
  std::string_view name;
  std::string_view code;
};
constexpr CountryName kCountryNames[] = {
    {"chile", "CL"},          {"republica de chile", "CL"}, {"chl", "CL"},           {"argentina", "AR"},
    {"peru", "PE"},           {"bolivia", "BO"},            {"brasil", "BR"},        {"brazil", "BR"},
    {"uruguay", "UY"},        {"paraguay", "PY"},           {"colombia", "CO"},      {"ecuador", "EC"},
    {"venezuela", "VE"},      {"mexico", "MX"},             {"espana", "ES"},        {"spain", "ES"},
    {"estados unidos", "US"}, {"united states", "US"},      {"usa", "US"},           {"canada", "CA"},
    {"francia", "FR"},        {"france", "FR"},             {"alemania", "DE"},      {"germany", "DE"},
    {"reino unido", "GB"},    {"united kingdom", "GB"},     {"china", "CN"},         {"japon", "JP"},
    {"japan", "JP"},
};

// Street and number: a street sent without a number gives up the number it ends with; one
// sent with the number it already ends with ("Av. Principal 123", "123") drops the repeat.
void ApplyStreet(const AddressInput& in, AddressFields& f, std::vector<FieldError>& errors) {
  const bool number_sent = in.number && *in.number && !Trim(**in.number).empty();
  CheckText(errors, "street", f.street, 255, true);
  if (in.street && !HasError(errors, "street")) {
    auto split = SplitStreetNumber(f.street);
    if (split && (!number_sent || text::Fold(split->number) == text::Fold(Trim(f.number)))) {
      f.street = std::move(split->street);
      f.number = std::move(split->number);
    }
  }
  CheckText(errors, "number", f.number, 30, false);
  if (f.number.empty()) {
    errors.push_back({"number", "required",
                      f.street.empty() ? "number is required"
                                       : "number is required: send it, end the street with it "
                                         "(\"Av. Principal 123\"), or send S/N when there is none"});
  } else if (IsSinNumero(f.number)) {
    f.number = "S/N";
  }
}

// The ISO code for the country as sent; false (and an error) when it is neither a code nor a
// country name the shop knows.
bool ApplyCountry(AddressFields& f, std::vector<FieldError>& errors) {
  if (auto code = CountryCode(f.country)) {
    f.country = std::move(*code);
    return true;
  }
  f.country = Trim(f.country);
  errors.push_back({"country", "invalid",
                    "country must be a two-letter ISO 3166 code or a country's name, e.g. CL or Chile"});
  return false;
}

// The comuna, or the city that names one.
void ApplyChileanComuna(AddressFields& f, std::vector<FieldError>& errors, bool& from_city) {
  CheckText(errors, "comuna", f.comuna, 100, false);
  if (HasError(errors, "comuna") || !f.comuna.empty()) return;
  if (const ChileanComuna* c = f.city.empty() ? nullptr : FindChileanComuna(f.city)) {
    f.comuna = std::string(c->name);
    from_city = true;
  } else if (f.city.empty() || HasError(errors, "city")) {
    errors.push_back({"comuna", "required", "comuna is required"});
  } else {
    errors.push_back({"comuna", "required",
                      "comuna is required: the city \"" + f.city + "\" is not a comuna the shop knows"});
  }
}

// In Chile: the comuna (or the city naming one) and the region, derived from a known comuna
// when it is empty or when the input changed the comuna without a region, else checked
// against the comuna.
void ApplyChileanPlace(const AddressInput& in, AddressFields& f, std::vector<FieldError>& errors) {
  bool comuna_from_city = false;
  ApplyChileanComuna(f, errors, comuna_from_city);
  const ChileanComuna* known = HasError(errors, "comuna") ? nullptr : FindChileanComuna(f.comuna);
  if (known) f.comuna = std::string(known->name);
  const ChileanRegion* comuna_region = known ? RegionByCode(known->region_code) : nullptr;

  CheckText(errors, "region", f.region, 100, false);
  if (HasError(errors, "region")) return;
  const bool comuna_changed = in.comuna.has_value() || comuna_from_city;
  if (comuna_region && (f.region.empty() || (!in.region && comuna_changed))) {
    f.region = std::string(comuna_region->name);
    return;
  }
  if (f.region.empty()) {
    errors.push_back({"region", "required",
                      f.comuna.empty() ? "region is required"
                                       : "region is required: the comuna \"" + f.comuna +
                                             "\" is not one the shop can place in a region"});
    return;
  }
  auto canonical = CanonicalChileanRegion(f.region);
  if (!canonical) {
    errors.push_back({"region", "invalid",
                      "region must be one of the 16 regions of Chile, e.g. "
                      "\"Metropolitana de Santiago\" or \"Valparaíso\""});
    return;
  }
  f.region = std::string(*canonical);
  // An update that leaves the place alone does not fail on an address saved before comunas
  // were checked.
  const bool place_sent = in.comuna || in.city || in.region;
  if (comuna_region && place_sent && comuna_region->name != f.region) {
    errors.push_back({"region", "mismatch",
                      "the comuna " + f.comuna + " is in the region " + std::string(comuna_region->name) +
                          ", not " + f.region});
  }
}

void CheckPostalCode(AddressFields& f, std::vector<FieldError>& errors) {
  CheckOptionalText(errors, "postal_code", f.postal_code, 20);
  if (!f.postal_code || HasError(errors, "postal_code")) return;
  const bool ok = std::ranges::all_of(*f.postal_code, [](unsigned char c) {
    return std::isalnum(c) || c == ' ' || c == '-';
  });
  if (!ok) {
    errors.push_back({"postal_code", "invalid", "postal_code may hold letters, digits, spaces and dashes"});
  } else if (f.country == "CL" && (f.postal_code->size() != 7 ||
                                   !std::ranges::all_of(*f.postal_code, [](unsigned char c) {
                                     return std::isdigit(c);
                                   }))) {
    errors.push_back({"postal_code", "invalid", "a Chilean postal_code has 7 digits"});
  }
}

}  // namespace

std::optional<std::string> NormalizePhone(std::string_view text) {
  std::string out;
  const std::string trimmed = Trim(text);
  for (std::size_t i = 0; i < trimmed.size(); ++i) {
    const char c = trimmed[i];
    if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') continue;
    if (c == '+' && out.empty() && i == trimmed.find('+')) {
      out += c;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    out += c;
  }
  const std::size_t digits = out.starts_with('+') ? out.size() - 1 : out.size();
  if (digits < 8 || digits > 16) return std::nullopt;
  return out;
}

std::optional<std::string_view> CanonicalChileanRegion(std::string_view text) {
  std::string folded = text::Fold(Trim(text));
  for (std::string_view prefix : {"region de ", "region del ", "region "}) {
    if (folded.starts_with(prefix)) {
      folded.erase(0, prefix.size());
      break;
    }
  }
  if (folded.empty()) return std::nullopt;
  for (const ChileanRegion& r : kChileanRegions) {
    const std::string code = text::Fold(r.code);  // "cl-rm"
    if (folded == text::Fold(r.name) || folded == code || folded == code.substr(3)) return r.name;
    for (std::string_view alias : r.aliases) {
      if (!alias.empty() && folded == alias) return r.name;
    }
  }
  return std::nullopt;
}

std::vector<FieldError> ValidateProfileUpdate(ProfileUpdate& update) {
  std::vector<FieldError> errors;
  if (update.name) CheckText(errors, "name", *update.name, 255, true);
  if (update.locale && *update.locale != "es" && *update.locale != "en") {
    errors.push_back({"locale", "invalid", "locale must be es or en"});
  }
  if (update.phone && *update.phone) {
    const std::string trimmed = Trim(**update.phone);
    if (trimmed.empty()) {
      *update.phone = std::nullopt;  // "" removes the phone, like null
    } else if (auto phone = NormalizePhone(trimmed)) {
      *update.phone = std::move(*phone);
    } else {
      errors.push_back({"phone", "invalid",
                        "phone must have 8 to 16 digits, with an optional leading +, e.g. "
                        "+56912345678"});
    }
  }
  return errors;
}

const ChileanComuna* FindChileanComuna(std::string_view text) {
  std::string folded = text::Fold(Trim(text));
  if (folded.starts_with("comuna de ")) folded.erase(0, 10);
  if (folded.empty()) return nullptr;
  for (const ChileanComuna& c : kChileanComunas) {
    if (text::Fold(c.name) == folded) return &c;
  }
  return nullptr;
}

std::optional<std::string> CountryCode(std::string_view text) {
  std::string trimmed = Trim(text);
  if (trimmed.size() == 2 && std::ranges::all_of(trimmed, IsAsciiLetter)) {
    std::ranges::transform(trimmed, trimmed.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return trimmed;
  }
  const std::string folded = text::Fold(trimmed);
  for (const CountryName& c : kCountryNames) {
    if (folded == c.name) return std::string(c.code);
  }
  return std::nullopt;
}

std::optional<StreetAndNumber> SplitStreetNumber(std::string_view street) {
  std::vector<std::string> words = Words(street);
  std::size_t keep = words.size();
  std::string number;
  if (keep >= 3 && text::Fold(words[keep - 2]) == "sin" && IsSinNumero("sin" + words[keep - 1])) {
    number = "S/N";
    keep -= 2;
  } else if (keep >= 2 && IsSinNumero(words[keep - 1])) {
    number = "S/N";
    keep -= 1;
  } else if (keep >= 2) {
    std::string suffix;  // "1234 B": the letter stays with the number
    if (keep >= 3 && words[keep - 1].size() == 1 && IsAsciiLetter(words[keep - 1][0]) &&
        IsHouseNumber(WithoutGluedMarker(words[keep - 2]))) {
      suffix = " " + words[keep - 1];
      --keep;
    }
    const std::string_view last = WithoutGluedMarker(words[keep - 1]);
    if (!IsHouseNumber(last)) return std::nullopt;
    number = std::string(last) + suffix;
    --keep;
  } else {
    return std::nullopt;
  }
  if (keep > 0 && IsNumberMarker(words[keep - 1])) --keep;
  if (keep == 0 || NumberBelongsToWord(words[keep - 1])) return std::nullopt;
  std::string rest;
  for (std::size_t i = 0; i < keep; ++i) rest += (i ? " " : "") + words[i];
  while (!rest.empty() && (rest.back() == ',' || rest.back() == ' ')) rest.pop_back();
  if (!std::ranges::any_of(rest, [](char c) { return IsAsciiLetter(c) || static_cast<unsigned char>(c) >= 0x80; })) {
    return std::nullopt;
  }
  return StreetAndNumber{std::move(rest), std::move(number)};
}

std::vector<FieldError> ApplyAddressInput(const AddressInput& in, AddressFields& f) {
  Merge(in.label, f.label);
  Merge(in.recipient_name, f.recipient_name);
  Merge(in.street, f.street);
  Merge(in.number, f.number);
  Merge(in.apartment, f.apartment);
  Merge(in.comuna, f.comuna);
  Merge(in.city, f.city);
  Merge(in.region, f.region);
  Merge(in.postal_code, f.postal_code);
  if (in.country) f.country = in.country->value_or("CL");  // null: back to the default
  Merge(in.phone, f.phone);
  if (in.is_default_shipping) f.is_default_shipping = *in.is_default_shipping;
  if (in.is_default_billing) f.is_default_billing = *in.is_default_billing;

  std::vector<FieldError> errors;
  CheckOptionalText(errors, "label", f.label, 100);
  CheckText(errors, "recipient_name", f.recipient_name, 255, false);
  ApplyStreet(in, f, errors);
  CheckOptionalText(errors, "apartment", f.apartment, 50);
  CheckText(errors, "city", f.city, 100, true);
  if (ApplyCountry(f, errors) && f.country == "CL") {
    ApplyChileanPlace(in, f, errors);
  } else {
    CheckText(errors, "comuna", f.comuna, 100, true);
    CheckText(errors, "region", f.region, 100, true);
  }
  CheckPostalCode(f, errors);

  if (f.phone) {
    const std::string trimmed = Trim(*f.phone);
    if (trimmed.empty()) {
      f.phone.reset();
    } else if (auto phone = NormalizePhone(trimmed)) {
      f.phone = std::move(*phone);
    } else {
      errors.push_back({"phone", "invalid",
                        "phone must have 8 to 16 digits, with an optional leading +, e.g. "
                        "+56912345678"});
    }
  }
  return errors;
}

}  // namespace moderno::accounts::profile
