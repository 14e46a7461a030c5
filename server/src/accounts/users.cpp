#include "accounts/users.hpp"

#include <algorithm>
#include <regex>

#include "accounts/password.hpp"

namespace moderno::accounts {

std::string NormalizeEmail(const std::string& email) {
  std::string out = email;
  out.erase(0, out.find_first_not_of(" \t\r\n"));
  out.erase(out.find_last_not_of(" \t\r\n") + 1);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

Result<std::int64_t> CreateUser(db::Database& db, const NewUser& in) {
  static const std::regex kEmail(R"(^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$)");
  const std::string email = NormalizeEmail(in.email);
  std::vector<FieldError> errors;
  if (email.size() > 255 || !std::regex_match(email, kEmail)) {
    errors.push_back({"email", "invalid", "must be a valid email address"});
  }
  if (in.name.empty() || in.name.size() > 255) {
    errors.push_back({"name", "invalid", "must be 1 to 255 characters"});
  }
  if (std::ranges::find(kRoles, in.role) == std::end(kRoles)) {
    errors.push_back({"role", "invalid", "must be customer, manager, admin or super_admin"});
  }
  auto weak = CheckPasswordPolicy(in.password);
  errors.insert(errors.end(), weak.begin(), weak.end());
  if (!errors.empty()) return Invalid(std::move(errors));

  const std::string hash = HashPassword(in.password);
  auto id = db.Write([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
    if (uow.QueryOne("SELECT id FROM users WHERE email = ?", {email})) {
      return Fail(Errc::kAlreadyExists, "A user with email " + email + " already exists.");
    }
    const auto user_id = uow.Exec("INSERT INTO users (email, password_hash, name, role, email_verified, "
                             "password_changed_at) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
                             {email, hash, in.name, in.role, std::int64_t{in.email_verified}})
                        .last_insert_id;
    // The first password counts towards the history that later changes are checked against.
    uow.Exec("INSERT INTO password_history (user_id, password_hash) VALUES (?, ?)", {user_id, hash});
    return user_id;
  });
  if (!id && id.error().code == Errc::kAlreadyExists && id.error().detail.empty()) {
    id.error().detail = "A user with email " + email + " already exists.";
  }
  return id;
}

}  // namespace moderno::accounts
