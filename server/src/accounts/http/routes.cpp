#include "accounts/http/routes.hpp"

#include "accounts/profile/http/handlers.hpp"

namespace moderno::accounts {

void RegisterRoutes(http::Router& router, HttpDeps& deps) {
  using Operation = http::Response (*)(http::Request&, HttpDeps&);
  auto add = [&](const char* method, const char* path, Operation op, http::Access access,
                 const char* rate_class) {
    router.Add(method, path, [&deps, op](http::Request& req) { return op(req, deps); },
               {.access = access, .rate_class = rate_class});
  };
  http::Access signed_in_even_if_expired = http::SignedIn();
  signed_in_even_if_expired.allow_expired_password = true;

  add("POST", "/api/v1/auth/register", RegisterUser, http::Public(), "auth");
  add("POST", "/api/v1/auth/login", LoginUser, http::Public(), "auth");
  add("POST", "/api/v1/auth/refresh", RefreshSession, http::Public(), "auth");
  add("POST", "/api/v1/auth/logout", LogoutUser, signed_in_even_if_expired, "general");
  add("POST", "/api/v1/auth/forgot-password", ForgotPassword, http::Public(), "auth");
  add("POST", "/api/v1/auth/reset-password", ResetPassword, http::Public(), "auth");
  add("POST", "/api/v1/auth/verify-email", VerifyEmail, http::Public(), "auth");
  add("POST", "/api/v1/auth/login/2fa", CompleteLogin, http::Public(), "auth");
  add("PUT", "/api/v1/me/password", ChangePassword, signed_in_even_if_expired, "auth");

  // The staff member's own second factor, open to staff who must still set it up.
  http::Access staff_setting_up = http::Staff(http::Role::kManager);
  staff_setting_up.allow_without_two_factor = true;
  add("GET", "/api/v1/me/2fa", GetTwoFactor, staff_setting_up, "general");
  add("POST", "/api/v1/me/2fa/setup", SetupTwoFactor, staff_setting_up, "auth");
  add("POST", "/api/v1/me/2fa/enable", EnableTwoFactor, staff_setting_up, "auth");
  add("POST", "/api/v1/me/2fa/disable", DisableTwoFactor, staff_setting_up, "auth");
  add("POST", "/api/v1/me/2fa/recovery-codes", RegenerateRecoveryCodes, staff_setting_up, "auth");

  // Staff user management.
  const http::Access admin = http::Staff(http::Role::kAdmin);
  add("GET", "/api/v1/admin/users", ListUsers, admin, "admin");
  add("GET", "/api/v1/admin/users/{id}", GetUser, admin, "admin");
  add("PATCH", "/api/v1/admin/users/{id}", UpdateUser, admin, "admin");

  // The signed-in customer's profile (on the worker pool).
  auto worker = [&](const char* method, const char* path, Operation op) {
    router.Add(method, path, [&deps, op](http::Request& req) { return op(req, deps); },
               {.runs = http::Runs::kOnWorker, .access = http::SignedIn(), .rate_class = "general"});
  };
  worker("GET", "/api/v1/me", profile::GetMe);
  worker("PUT", "/api/v1/me", profile::UpdateMe);
  worker("DELETE", "/api/v1/me", profile::DeleteMe);
  worker("GET", "/api/v1/me/export", profile::ExportMe);
  worker("GET", "/api/v1/me/addresses", profile::ListAddresses);
  worker("POST", "/api/v1/me/addresses", profile::CreateAddress);
  worker("GET", "/api/v1/me/addresses/{id}", profile::GetAddress);
  worker("PUT", "/api/v1/me/addresses/{id}", profile::UpdateAddress);
  worker("DELETE", "/api/v1/me/addresses/{id}", profile::DeleteAddress);
}

}  // namespace moderno::accounts
