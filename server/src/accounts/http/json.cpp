#include <boost/json.hpp>

#include "accounts/http/handlers.hpp"
#include "platform/time/time.hpp"

namespace moderno::accounts {

namespace {
boost::json::object UserObject(const UserView& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"name", u.name},
          {"role", u.role},
          {"email_verified", u.email_verified},
          {"is_active", u.is_active},
          {"created_at", u.created_at}};
}
}  // namespace

std::string UserJson(const UserView& u) { return boost::json::serialize(UserObject(u)); }

std::string SessionJson(const Session& s, bool with_refresh) {
  boost::json::object o{{"access_token", s.access_token},
                        {"token_type", "Bearer"},
                        {"expires_in", s.expires_in},
                        {"user", UserObject(s.user)},
                        {"password_change_required", s.password_change_required},
                        {"two_factor_setup_required", s.two_factor_setup_required}};
  if (with_refresh) o["refresh_token"] = s.refresh_token;
  return boost::json::serialize(o);
}

boost::json::array RecoveryCodesJson(const std::vector<std::string>& codes) {
  boost::json::array a;
  for (const auto& c : codes) a.emplace_back(c);
  return a;
}

ClientInfo ClientOf(const http::Request& req) {
  return {req.client_ip, std::string(req.Header("user-agent").value_or(""))};
}

boost::json::object StaffUserJson(const StaffUser& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"name", u.name},
          {"role", u.role},
          {"is_active", u.is_active},
          {"email_verified", u.email_verified},
          {"created_at", time::IsoFromSql(u.created_at)},
          {"updated_at", time::IsoFromSql(u.updated_at)}};
}

}  // namespace moderno::accounts
