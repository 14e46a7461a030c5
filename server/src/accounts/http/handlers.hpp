#pragma once
// The accounts operations, one per file: the authentication API (/api/v1/auth/...) and PUT
// /me/password, and the staff user management; the profile (/me...) is in profile/http.
#include <boost/json/object.hpp>

#include "accounts/admin/service.hpp"
#include "accounts/auth_service.hpp"
#include "platform/http/message.hpp"

namespace moderno::accounts {

namespace profile {
class Service;
}  // namespace profile

// What every accounts handler is given: authentication, the staff user management and the
// customer's profile. The app builds the services; they must outlive the router.
struct HttpDeps {
  AuthService& auth;
  UsersAdmin& users;
  profile::Service& profile;
};

http::Response RegisterUser(http::Request& req, HttpDeps& d);
http::Response LoginUser(http::Request& req, HttpDeps& d);
http::Response RefreshSession(http::Request& req, HttpDeps& d);
http::Response LogoutUser(http::Request& req, HttpDeps& d);
http::Response ForgotPassword(http::Request& req, HttpDeps& d);
http::Response ResetPassword(http::Request& req, HttpDeps& d);
http::Response VerifyEmail(http::Request& req, HttpDeps& d);
http::Response ChangePassword(http::Request& req, HttpDeps& d);

// Staff user management (admin and up): GET /admin/users, GET and PATCH /admin/users/{id}.
http::Response ListUsers(http::Request& req, HttpDeps& d);
http::Response GetUser(http::Request& req, HttpDeps& d);
http::Response UpdateUser(http::Request& req, HttpDeps& d);

// JSON of a session and of a user, shared by the operations.
std::string SessionJson(const Session& s);
std::string UserJson(const UserView& u);
// A user as staff see it.
boost::json::object StaffUserJson(const StaffUser& u);
// Where the request came from.
ClientInfo ClientOf(const http::Request& req);

}  // namespace moderno::accounts
