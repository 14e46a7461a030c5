#include "accounts/profile/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::accounts::profile {

http::Response UpdateMe(http::Request& req, accounts::HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  std::vector<FieldError> errors;
  // Fields that exist on the profile but change elsewhere are refused rather than ignored, so
  // that a client never believes it changed them.
  for (const char* field : {"email", "role", "password", "is_active", "email_verified"}) {
    if (body->contains(field)) {
      errors.push_back({field, "read_only", std::string(field) + " cannot be changed here"});
    }
  }
  ProfileUpdate update;
  if (auto it = body->find("name"); it != body->end()) {
    if (it->value().is_string()) update.name = std::string(it->value().as_string());
    else errors.push_back({"name", "type", "name must be a string"});
  }
  if (auto it = body->find("phone"); it != body->end()) {
    if (it->value().is_null()) update.phone = std::optional<std::string>();
    else if (it->value().is_string()) update.phone = std::string(it->value().as_string());
    else errors.push_back({"phone", "type", "phone must be a string or null"});
  }
  if (auto it = body->find("locale"); it != body->end()) {
    if (it->value().is_string()) update.locale = std::string(it->value().as_string());
    else errors.push_back({"locale", "type", "locale must be a string"});
  }
  if (!errors.empty()) return http::Problem(Invalid(std::move(errors)).error(), req);
  auto profile = d.profile.UpdateProfile(req.principal->user_id, std::move(update));
  if (!profile) return http::Problem(profile.error(), req);
  return http::PrivateJson(200, ToJson(*profile));
}

}  // namespace moderno::accounts::profile
