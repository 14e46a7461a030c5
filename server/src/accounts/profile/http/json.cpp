#include <boost/json.hpp>
#include <chrono>
#include <ctime>

#include "accounts/profile/http/handlers.hpp"

namespace moderno::accounts::profile {
namespace json = boost::json;
namespace {

json::value OrNull(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

std::string NowIso() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

json::object ToJson(const AuditRecord& a) {
  json::object o{{"action", a.action},
                 {"entity", a.entity},
                 {"entity_id", OrNull(a.entity_id)},
                 {"created_at", a.created_at}};
  // details is JSON text written by the server; shown as JSON when it parses.
  if (a.details) {
    boost::system::error_code ec;
    json::value details = json::parse(*a.details, ec);
    o["details"] = ec ? json::value(*a.details) : std::move(details);
  } else {
    o["details"] = nullptr;
  }
  if (a.ip) o["ip"] = *a.ip;
  return o;
}

// A string field of a body: absent, null or a string; anything else is a type error.
// `allow_integer` accepts a JSON number for fields that are digits most of the time (a street
// number), as its decimal text.
Patch<std::string> ReadText(const json::object& body, const char* name,
                            std::vector<FieldError>& errors, bool allow_integer = false) {
  auto it = body.find(name);
  if (it == body.end()) return std::nullopt;
  if (it->value().is_null()) return std::optional<std::string>();
  if (allow_integer && it->value().is_int64()) {
    return std::optional<std::string>(std::to_string(it->value().as_int64()));
  }
  if (!it->value().is_string()) {
    errors.push_back({name, "type", std::string(name) + " must be a string"});
    return std::nullopt;
  }
  return std::optional<std::string>(std::string(it->value().as_string()));
}

std::optional<bool> ReadFlag(const json::object& body, const char* name,
                             std::vector<FieldError>& errors) {
  auto it = body.find(name);
  if (it == body.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_bool()) {
    errors.push_back({name, "type", std::string(name) + " must be true or false"});
    return std::nullopt;
  }
  return it->value().as_bool();
}

}  // namespace

json::object ToJson(const Profile& p) {
  return {{"id", p.id},
          {"email", p.email},
          {"name", p.name},
          {"phone", OrNull(p.phone)},
          {"role", p.role},
          {"email_verified", p.email_verified},
          {"is_active", p.is_active},
          {"locale", p.locale},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

json::object ToJson(const Address& a) {
  const AddressFields& f = a.fields;
  return {{"id", a.id},
          {"label", OrNull(f.label)},
          {"recipient_name", f.recipient_name},
          {"street", f.street},
          {"number", f.number},
          {"apartment", OrNull(f.apartment)},
          {"comuna", f.comuna},
          {"city", f.city},
          {"region", f.region},
          {"postal_code", OrNull(f.postal_code)},
          {"country", f.country},
          {"phone", OrNull(f.phone)},
          {"is_default_shipping", f.is_default_shipping},
          {"is_default_billing", f.is_default_billing},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at}};
}

json::object ToJson(const DataExport& e) {
  json::object profile = ToJson(e.profile);
  profile["password"] = "[set]";  // the hash is never exported
  profile["password_changed_at"] = OrNull(e.profile.password_changed_at);

  json::array addresses;
  for (const Address& a : e.addresses) addresses.push_back(ToJson(a));

  json::array orders;
  for (const OrderRecord& o : e.orders) {
    boost::system::error_code ec;
    json::value address = json::parse(o.shipping_address_json, ec);
    json::value lines = json::parse(o.lines_json, ec);
    orders.push_back({{"order_number", o.order_number},
                      {"status", o.status},
                      {"payment_status", o.payment_status},
                      {"payment_method", o.payment_method},
                      {"total_amount", o.total_amount},
                      {"currency", o.currency},
                      {"shipping_address", std::move(address)},
                      {"items", std::move(lines)},
                      {"created_at", o.created_at}});
  }

  json::array reviews;
  for (const ReviewRecord& r : e.reviews) {
    reviews.push_back({{"id", r.id},
                       {"product_id", r.product_id},
                       {"product_name", r.product_name},
                       {"order_id", r.order_id ? json::value(*r.order_id) : json::value(nullptr)},
                       {"rating", r.rating},
                       {"title", OrNull(r.title)},
                       {"comment", OrNull(r.comment)},
                       {"is_verified_purchase", r.is_verified_purchase},
                       {"status", r.status},
                       {"helpful_count", r.helpful_count},
                       {"created_at", r.created_at},
                       {"updated_at", r.updated_at}});
  }

  json::array sessions;
  for (const SessionRecord& s : e.sessions) {
    sessions.push_back({{"created_at", s.created_at},
                        {"expires_at", s.expires_at},
                        {"used_at", OrNull(s.used_at)},
                        {"revoked_at", OrNull(s.revoked_at)},
                        {"ip", OrNull(s.ip)},
                        {"user_agent", OrNull(s.user_agent)}});
  }

  json::array logins;
  for (const LoginAttemptRecord& l : e.login_attempts) {
    logins.push_back({{"created_at", l.created_at}, {"ip", OrNull(l.ip)}, {"succeeded", l.succeeded}});
  }

  json::array email_tokens;
  for (const EmailTokenRecord& t : e.email_tokens) {
    email_tokens.push_back({{"purpose", t.purpose},
                            {"created_at", t.created_at},
                            {"expires_at", t.expires_at},
                            {"used_at", OrNull(t.used_at)}});
  }

  json::array password_history;
  for (const std::string& at : e.password_history) password_history.push_back(json::object{{"set_at", at}});

  json::array revoked;
  for (const std::string& at : e.revoked_access_tokens) revoked.push_back(json::object{{"expires_at", at}});

  json::array by_user;
  for (const AuditRecord& a : e.audit_by_user) by_user.push_back(ToJson(a));
  json::array about_user;
  for (const AuditRecord& a : e.audit_about_user) about_user.push_back(ToJson(a));

  return {{"exported_at", NowIso()},
          {"profile", std::move(profile)},
          {"addresses", std::move(addresses)},
          {"orders", std::move(orders)},
          {"reviews", std::move(reviews)},
          {"sessions", std::move(sessions)},
          {"login_attempts", std::move(logins)},
          {"email_tokens", std::move(email_tokens)},
          {"password_history", std::move(password_history)},
          {"revoked_access_tokens", std::move(revoked)},
          {"audit_log", {{"by_you", std::move(by_user)}, {"about_your_account", std::move(about_user)}}}};
}

AddressInput ReadAddressInput(const json::object& body, std::vector<FieldError>& errors) {
  AddressInput in;
  in.label = ReadText(body, "label", errors);
  in.recipient_name = ReadText(body, "recipient_name", errors);
  in.street = ReadText(body, "street", errors);
  in.number = ReadText(body, "number", errors, true);
  in.apartment = ReadText(body, "apartment", errors);
  in.comuna = ReadText(body, "comuna", errors);
  in.city = ReadText(body, "city", errors);
  in.region = ReadText(body, "region", errors);
  in.postal_code = ReadText(body, "postal_code", errors);
  in.country = ReadText(body, "country", errors);
  in.phone = ReadText(body, "phone", errors);
  in.is_default_shipping = ReadFlag(body, "is_default_shipping", errors);
  in.is_default_billing = ReadFlag(body, "is_default_billing", errors);
  return in;
}

}  // namespace moderno::accounts::profile
