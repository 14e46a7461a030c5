#pragma once
// The accounts operations, one per file: the authentication API (/api/v1/auth/...) and PUT
// /me/password, and the staff user management; the profile (/me...) is in profile/http.
#include <boost/json/object.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "accounts/admin/service.hpp"
#include "accounts/auth_service.hpp"
#include "accounts/two_factor.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/message.hpp"

namespace moderno::accounts {

namespace profile {
class Service;
}  // namespace profile

// How browser sessions keep their refresh token: in an HttpOnly, SameSite=Strict cookie scoped to
// /api/v1/auth, out of reach of any script on the page (the access token lives in memory only).
struct CookieSettings {
  bool secure = false;                             // behind TLS: the cookie is Secure
  std::chrono::seconds max_age{7 * 24 * 3600};     // the refresh token's lifetime
  std::string public_origin;                       // "https://shop.example"; empty: the Host's
};

// What every accounts handler is given: authentication, the staff user management and the
// customer's profile. The app builds the services; they must outlive the router.
struct HttpDeps {
  AuthService& auth;
  UsersAdmin& users;
  profile::Service& profile;
  TwoFactorService& two_factor;
  CookieSettings cookies;
};

// The refresh cookie's name.
inline constexpr const char* kRefreshCookie = "moderno_refresh";
// True when the client asks for its refresh token in the cookie (header `X-Session: cookie`):
// the web app does; API clients receive it in the JSON body as the seed shows.
bool WantsCookie(const http::Request& req);
// The refresh token of the request's cookie, if it carries one.
std::optional<std::string> RefreshFromCookie(const http::Request& req);
// A request authenticated by the cookie must come from the shop's own pages (CSRF): its Origin
// is the shop's (PUBLIC_URL's origin, or the request's own Host); 403 otherwise.
Result<void> CheckOrigin(const http::Request& req, const CookieSettings& cookies);
// The session as the answer: the refresh token in the body, or in the cookie when `in_cookie`.
http::Response SessionResponse(const Session& s, const CookieSettings& cookies, bool in_cookie);
// Adds the Set-Cookie that removes the refresh cookie.
void ClearRefreshCookie(http::Response& r, const CookieSettings& cookies);

http::Response RegisterUser(http::Request& req, HttpDeps& d);
http::Response LoginUser(http::Request& req, HttpDeps& d);
http::Response RefreshSession(http::Request& req, HttpDeps& d);
http::Response LogoutUser(http::Request& req, HttpDeps& d);
http::Response ForgotPassword(http::Request& req, HttpDeps& d);
http::Response ResetPassword(http::Request& req, HttpDeps& d);
http::Response VerifyEmail(http::Request& req, HttpDeps& d);
http::Response ChangePassword(http::Request& req, HttpDeps& d);
// The second step of a two-factor sign-in: POST /auth/login/2fa.
http::Response CompleteLogin(http::Request& req, HttpDeps& d);

// The staff member's own two-factor sign-in: GET /me/2fa, POST /me/2fa/setup, /enable,
// /disable and /recovery-codes.
http::Response GetTwoFactor(http::Request& req, HttpDeps& d);
http::Response SetupTwoFactor(http::Request& req, HttpDeps& d);
http::Response EnableTwoFactor(http::Request& req, HttpDeps& d);
http::Response DisableTwoFactor(http::Request& req, HttpDeps& d);
http::Response RegenerateRecoveryCodes(http::Request& req, HttpDeps& d);
// Reads `code` or `recovery_code` (exactly one) into `f`'s errors when neither or both.
std::optional<SecondFactor> ReadSecondFactor(http::Fields& f);
boost::json::array RecoveryCodesJson(const std::vector<std::string>& codes);

// Staff user management (admin and up): GET /admin/users, GET and PATCH /admin/users/{id}.
http::Response ListUsers(http::Request& req, HttpDeps& d);
http::Response GetUser(http::Request& req, HttpDeps& d);
http::Response UpdateUser(http::Request& req, HttpDeps& d);

// JSON of a session (without the refresh token when `with_refresh` is false) and of a user.
std::string SessionJson(const Session& s, bool with_refresh = true);
std::string UserJson(const UserView& u);
// A user as staff see it.
boost::json::object StaffUserJson(const StaffUser& u);
// Where the request came from.
ClientInfo ClientOf(const http::Request& req);

}  // namespace moderno::accounts
