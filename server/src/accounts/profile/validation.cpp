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
  CheckText(errors, "street", f.street, 255, true);
  CheckText(errors, "number", f.number, 30, true);
  CheckOptionalText(errors, "apartment", f.apartment, 50);
  CheckText(errors, "comuna", f.comuna, 100, true);
  CheckText(errors, "city", f.city, 100, true);
  CheckText(errors, "region", f.region, 100, true);
  CheckOptionalText(errors, "postal_code", f.postal_code, 20);

  f.country = Trim(f.country);
  std::ranges::transform(f.country, f.country.begin(),
                         [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  const bool country_ok = f.country.size() == 2 && std::ranges::all_of(f.country, [](char c) {
                            return c >= 'A' && c <= 'Z';
                          });
  if (!country_ok) {
    errors.push_back({"country", "invalid", "country must be a two-letter ISO 3166 code, e.g. CL"});
  }

  if (country_ok && f.country == "CL" && !HasError(errors, "region")) {
    if (auto canonical = CanonicalChileanRegion(f.region)) {
      f.region = std::string(*canonical);
    } else {
      errors.push_back({"region", "invalid",
                        "region must be one of the 16 regions of Chile, e.g. "
                        "\"Metropolitana de Santiago\" or \"Valparaíso\""});
    }
  }

  if (f.postal_code && !HasError(errors, "postal_code")) {
    const bool ok = std::ranges::all_of(*f.postal_code, [](unsigned char c) {
      return std::isalnum(c) || c == ' ' || c == '-';
    });
    if (!ok) errors.push_back({"postal_code", "invalid", "postal_code may hold letters, digits, spaces and dashes"});
    else if (f.country == "CL" && (f.postal_code->size() != 7 ||
                                    !std::ranges::all_of(*f.postal_code, [](unsigned char c) {
                                      return std::isdigit(c);
                                    }))) {
      errors.push_back({"postal_code", "invalid", "a Chilean postal_code has 7 digits"});
    }
  }

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
