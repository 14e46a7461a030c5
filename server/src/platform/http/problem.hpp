#pragma once
// RFC 9457 problem+json responses: the one place where error codes become HTTP statuses.
#include <string_view>

#include "platform/error.hpp"
#include "platform/http/message.hpp"

namespace moderno::http {

// The HTTP status for an error code.
int StatusFor(Errc code);

// The standard reason phrase used as the problem title.
std::string_view TitleFor(int status);

// A problem+json response for an error; `internal` is never included. A 5xx is logged at error
// level with `internal`, the request id and the route. `status` overrides the code's status
// where the wire needs a more specific one (431 for headers too large).
Response Problem(const Error& error, const Request& req, int status = 0);

// Shorthand for a problem with a code and detail.
Response Problem(Errc code, std::string detail, const Request& req);

}  // namespace moderno::http
