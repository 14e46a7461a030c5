#include "platform/http/problem.hpp"

#include <boost/json.hpp>

#include "platform/log/log.hpp"

namespace moderno::http {

int StatusFor(Errc code) {
  // No default: a new Errc that is not mapped here fails to build (-Werror=switch).
  switch (code) {
    case Errc::kMalformed: return 400;
    case Errc::kInvalidArgument: return 422;
    case Errc::kUnauthenticated: return 401;
    case Errc::kPermissionDenied: return 403;
    case Errc::kNotFound: return 404;
    case Errc::kMethodNotAllowed: return 405;
    case Errc::kAlreadyExists: return 409;
    case Errc::kConflict: return 409;
    case Errc::kPayloadTooLarge: return 413;
    case Errc::kResourceExhausted: return 429;
    case Errc::kAborted: return 409;
    case Errc::kUnavailable: return 503;
    case Errc::kInternal: return 500;
  }
  return 500;
}

std::string_view TitleFor(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

namespace {
std::string_view DefaultType(Errc code) {
  switch (code) {
    case Errc::kMalformed: return "malformed";
    case Errc::kInvalidArgument: return "validation";
    case Errc::kUnauthenticated: return "unauthenticated";
    case Errc::kPermissionDenied: return "forbidden";
    case Errc::kNotFound: return "not_found";
    case Errc::kMethodNotAllowed: return "method_not_allowed";
    case Errc::kAlreadyExists: return "already_exists";
    case Errc::kConflict: return "conflict";
    case Errc::kPayloadTooLarge: return "too_large";
    case Errc::kResourceExhausted: return "rate_limited";
    case Errc::kAborted: return "aborted";
    case Errc::kUnavailable: return "unavailable";
    case Errc::kInternal: return "internal";
  }
  return "internal";
}
}  // namespace

Response Problem(const Error& error, const Request& req, int status) {
  if (status == 0) status = StatusFor(error.code);
  if (status >= 500) {
    // The client is told only that it has been logged; this is that log line.
    log::Error("request failed", {{"request_id", req.request_id},
                                  {"route", req.route.empty() ? req.path : req.route},
                                  {"status", status},
                                  {"code", std::string(DefaultType(error.code))},
                                  {"detail", error.detail},
                                  {"internal", error.internal}});
  }
  boost::json::object body;
  std::string_view type = error.type.empty() ? DefaultType(error.code) : error.type;
  body["type"] = "https://moderno.dev/problems/" + std::string(type);
  body["title"] = TitleFor(status);
  body["status"] = status;
  // A 500 says nothing about its cause; the cause is in the log under the request id.
  body["detail"] = status == 500 ? "An internal error occurred; it has been logged." : error.detail;
  body["instance"] = req.path;
  body["request_id"] = req.request_id;
  if (!error.fields.empty()) {
    boost::json::array errors;
    for (const FieldError& f : error.fields) {
      errors.push_back({{"field", f.field}, {"code", f.code}, {"message", f.message}});
    }
    body["errors"] = std::move(errors);
  }
  if (!error.extensions.empty() && status != 500) {
    boost::system::error_code ec;
    boost::json::value extra = boost::json::parse(error.extensions, ec);
    if (!ec && extra.is_object()) {
      for (const auto& member : extra.as_object()) body.emplace(member.key(), member.value());
    }
  }
  Response r = TextResponse(status, boost::json::serialize(body), "application/problem+json");
  if (error.retry_after_seconds > 0) r.Set("Retry-After", std::to_string(error.retry_after_seconds));
  return r;
}

Response Problem(Errc code, std::string detail, const Request& req) {
  Error e;
  e.code = code;
  e.detail = std::move(detail);
  return Problem(e, req);
}

}  // namespace moderno::http
