#pragma once
// The customer's own data as the profile operations see it: always decrypted. Only the
// repository knows which columns are stored encrypted.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace moderno::accounts::profile {

// Most addresses one customer may keep.
inline constexpr int kMaxAddressesPerUser = 20;

// What the anonymised user row's name becomes after an erasure.
inline constexpr const char* kErasedName = "Cliente eliminado";

// A user as shown on GET /me (never with the password hash).
struct Profile {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  std::optional<std::string> phone;  // decrypted
  std::string role;
  bool email_verified = false;
  bool is_active = true;
  std::optional<std::string> password_changed_at;  // ISO 8601
  std::string created_at;                          // ISO 8601
  std::string updated_at;
  std::string locale = "es";  // language of the emails: "es" or "en"
};

// A field of a partial update: absent (keep), null (clear) or a new value.
template <class T>
using Patch = std::optional<std::optional<T>>;

// PUT /me.
struct ProfileUpdate {
  std::optional<std::string> name;  // absent: unchanged
  Patch<std::string> phone;         // null or "": removed
  std::optional<std::string> locale;  // "es" or "en"
};

// The editable fields of an address, in clear.
struct AddressFields {
  std::optional<std::string> label;
  std::string recipient_name;
  std::string street;
  std::string number;
  std::optional<std::string> apartment;
  std::string comuna;
  std::string city;
  std::string region;
  std::optional<std::string> postal_code;
  std::string country = "CL";
  std::optional<std::string> phone;
  bool is_default_shipping = false;
  bool is_default_billing = false;
};

// A stored address, decrypted.
struct Address {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  AddressFields fields;
  std::string created_at;  // ISO 8601
  std::string updated_at;
};

// POST and PUT /me/addresses: every field may be absent (create: default; update: unchanged).
struct AddressInput {
  Patch<std::string> label, recipient_name, street, number, apartment, comuna, city, region,
      postal_code, country, phone;
  std::optional<bool> is_default_shipping, is_default_billing;
};

// A refresh-token session of the user, without the token (export only).
struct SessionRecord {
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> used_at;
  std::optional<std::string> revoked_at;
  std::optional<std::string> ip;
  std::optional<std::string> user_agent;
};

// A login attempt on the user's account (export only).
struct LoginAttemptRecord {
  std::string created_at;
  std::optional<std::string> ip;
  bool succeeded = false;
};

// A single-use email token, without the token (export only).
struct EmailTokenRecord {
  std::string purpose;
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> used_at;
};

// A review written by the user (export only).
struct ReviewRecord {
  std::int64_t id = 0;
  std::int64_t product_id = 0;
  std::string product_name;
  std::optional<std::int64_t> order_id;
  int rating = 0;
  std::optional<std::string> title;
  std::optional<std::string> comment;
  bool is_verified_purchase = false;
  std::string status;
  std::int64_t helpful_count = 0;
  std::string created_at;
  std::string updated_at;
};

// An audit log entry made by the user (staff actions, logins) or about the user's account.
struct AuditRecord {
  std::string action;
  std::string entity;
  std::optional<std::string> entity_id;
  std::optional<std::string> details;  // JSON text
  std::optional<std::string> ip;       // only on the user's own actions
  std::string created_at;
};

// Everything held about one user (GET /me/export). Hashes of passwords and tokens are left out.
// An order of the user with the lines and the address it was shipped to (export only).
struct OrderRecord {
  std::string order_number;
  std::string status;
  std::string payment_status;
  std::string payment_method;
  std::int64_t total_amount = 0;
  std::string currency;
  std::string shipping_address_json;  // decrypted JSON object
  std::string lines_json;             // JSON array of {sku, name, quantity, unit_price}
  std::string created_at;             // ISO 8601
};

struct DataExport {
  Profile profile;
  std::vector<OrderRecord> orders;
  std::vector<Address> addresses;
  std::vector<ReviewRecord> reviews;
  std::vector<SessionRecord> sessions;
  std::vector<LoginAttemptRecord> login_attempts;
  std::vector<EmailTokenRecord> email_tokens;
  std::vector<std::string> password_history;  // when each earlier password was set
  std::vector<std::string> revoked_access_tokens;  // when each revocation expires
  std::vector<AuditRecord> audit_by_user;          // what the user did
  std::vector<AuditRecord> audit_about_user;       // changes made to the account by staff
};

}  // namespace moderno::accounts::profile
