#pragma once
// Error codes that know nothing of HTTP; platform/http/problem.cpp maps them to statuses.
#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace moderno {

// A small fixed set of codes; each tells the caller whether and how to retry.
enum class Errc {
  kMalformed,          // the request could not be parsed (400); do not retry as is
  kInvalidArgument,    // the request parsed but failed validation (422)
  kUnauthenticated,    // no or bad credentials (401)
  kPermissionDenied,   // authenticated but not allowed (403)
  kNotFound,           // the resource does not exist (404)
  kMethodNotAllowed,   // the route exists with other methods (405)
  kAlreadyExists,      // unique constraint (409)
  kConflict,           // state conflict, illegal transition, insufficient stock (409)
  kPayloadTooLarge,    // body or headers over the limit (413)
  kResourceExhausted,  // rate limited (429); retry after a delay
  kAborted,            // lock conflict or deadlock; retry the whole unit of work
  kUnavailable,        // a dependency is down (503); retry later
  kInternal,           // a bug or broken infrastructure (500)
};

// One invalid field of a validation error.
struct FieldError {
  std::string field;
  std::string code;
  std::string message;
};

// What services return on failure. `internal` goes to the log only, never to a client.
struct Error {
  Errc code = Errc::kInternal;
  std::string detail;
  std::string internal;
  std::vector<FieldError> fields;
  std::string type;  // short machine-readable slug, e.g. "validation", "price_changed"
  int retry_after_seconds = 0;  // > 0: the client may retry after this long (Retry-After)
  // Text of a JSON object whose members are added to the problem body (e.g. the short lines
  // of an order that stock cannot cover); empty for none. Never holds internals.
  std::string extensions;
};

template <class T>
using Result = std::expected<T, Error>;

// Builds an unexpected Error, for `return Fail(Errc::kNotFound, "...")`.
inline std::unexpected<Error> Fail(Errc code, std::string detail, std::string internal = {}) {
  return std::unexpected(Error{code, std::move(detail), std::move(internal), {}, {}});
}

// A validation failure listing every invalid field.
inline std::unexpected<Error> Invalid(std::vector<FieldError> fields,
                                      std::string detail = "The request has invalid fields.") {
  return std::unexpected(Error{Errc::kInvalidArgument, std::move(detail), {}, std::move(fields),
                               "validation"});
}

}  // namespace moderno
