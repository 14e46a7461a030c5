#include "accounts/profile/address.hpp"

#include "accounts/profile/http/handlers.hpp"
#include "accounts/profile/repository.hpp"
#include "accounts/profile/validation.hpp"
#include "platform/text/fold.hpp"

namespace moderno::accounts::profile {
namespace json = boost::json;

std::optional<AddressFields> ReadAddressMember(const json::object& body, const char* name,
                                               std::vector<FieldError>& errors) {
  auto it = body.find(name);
  if (it == body.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_object()) {
    errors.push_back({name, "type", std::string(name) + " must be an object"});
    return std::nullopt;
  }
  std::vector<FieldError> local;
  AddressInput input = ReadAddressInput(it->value().as_object(), local);
  AddressFields fields;
  if (local.empty()) local = ApplyAddressInput(input, fields);
  for (auto& e : local) errors.push_back({std::string(name) + "." + e.field, e.code, e.message});
  return fields;
}

Result<std::optional<AddressFields>> FindSavedAddress(db::UnitOfWork& uow, const crypto::Cipher& cipher,
                                                      std::int64_t user_id, std::int64_t address_id) {
  auto a = Repository(cipher).FindAddress(uow, user_id, address_id);
  if (!a) return std::unexpected(a.error());
  if (!*a) return std::optional<AddressFields>();
  return std::optional<AddressFields>((*a)->fields);
}

std::optional<std::string> DefaultShippingRegion(db::UnitOfWork& uow, std::int64_t user_id) {
  auto row = uow.QueryOne("SELECT region FROM addresses WHERE user_id = ? ORDER BY is_default_shipping DESC, id LIMIT 1",
                          {user_id});
  if (!row) return std::nullopt;
  return row->Str(0);
}

std::optional<std::string> RegionCode(std::string_view text) {
  const std::string folded = text::Fold(text);
  for (const auto& r : kChileanRegions) {
    if (text::Fold(r.code) == folded || text::Fold(r.name) == folded) return std::string(r.code);
    for (std::string_view alias : r.aliases) {
      if (!alias.empty() && text::Fold(alias) == folded) return std::string(r.code);
    }
  }
  return std::nullopt;
}

json::object AddressJson(const AddressFields& a) {
  auto opt = [](const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); };
  return {{"recipient_name", a.recipient_name}, {"street", a.street},     {"number", a.number},
          {"apartment", opt(a.apartment)},      {"comuna", a.comuna},     {"city", a.city},
          {"region", a.region},                 {"postal_code", opt(a.postal_code)},
          {"country", a.country},               {"phone", opt(a.phone)}};
}

}  // namespace moderno::accounts::profile
