#include "accounts/http/handlers.hpp"

namespace moderno::accounts {

void RegisterAuthRoutes(http::Router& router, const AuthHttpDeps& deps) {
  using Operation = http::Response (*)(http::Request&, const AuthHttpDeps&);
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
  add("PUT", "/api/v1/me/password", ChangePassword, signed_in_even_if_expired, "auth");
}

}  // namespace moderno::accounts
