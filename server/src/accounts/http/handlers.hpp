#pragma once
// The authentication API (/api/v1/auth/...) and PUT /me/password, one operation per file.
#include "accounts/auth_service.hpp"
#include "platform/http/message.hpp"
#include "platform/http/router.hpp"

namespace moderno::accounts {

struct AuthHttpDeps {
  AuthService& auth;
};

http::Response RegisterUser(http::Request& req, const AuthHttpDeps& d);
http::Response LoginUser(http::Request& req, const AuthHttpDeps& d);
http::Response RefreshSession(http::Request& req, const AuthHttpDeps& d);
http::Response LogoutUser(http::Request& req, const AuthHttpDeps& d);
http::Response ForgotPassword(http::Request& req, const AuthHttpDeps& d);
http::Response ResetPassword(http::Request& req, const AuthHttpDeps& d);
http::Response VerifyEmail(http::Request& req, const AuthHttpDeps& d);
http::Response ChangePassword(http::Request& req, const AuthHttpDeps& d);

// Registers the routes with their access rules and the "auth" rate limit.
void RegisterAuthRoutes(http::Router& router, const AuthHttpDeps& deps);

// JSON of a session and of a user, shared by the operations.
std::string SessionJson(const Session& s);
std::string UserJson(const UserView& u);
// Where the request came from.
ClientInfo ClientOf(const http::Request& req);

}  // namespace moderno::accounts
