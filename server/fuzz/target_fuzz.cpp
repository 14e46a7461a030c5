// Request targets and query parameters: http::ParseTarget (origin-form, percent-decoding),
// then what list endpoints read from the query: ReadPage, ParseId and TimestampParam
// (time::ParseTimestamp, ISO 8601 with zones to stored UTC text).
#include "fuzz_input.hpp"
#include "platform/http/pagination.hpp"
#include "platform/http/params.hpp"
#include "platform/http/pipeline.hpp"
#include "platform/time/timestamp.hpp"

using namespace moderno;

namespace {

// A stored timestamp is 'YYYY-MM-DD HH:MM:SS' and reads back as itself.
void CheckStored(const std::string& stored) {
  if (stored.size() != 19 || stored[4] != '-' || stored[10] != ' ' || stored[13] != ':') {
    fuzz::Violated();
  }
  if (stored >= "1970" && time::ParseTimestamp(stored, false) != stored) fuzz::Violated();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  http::Request req;
  req.target = std::string(fuzz::Text(data, size));
  if (!http::ParseTarget(req.target, req.path, req.query)) return 0;
  if (req.path.empty() || req.path.front() != '/') fuzz::Violated();

  std::vector<FieldError> errors;
  const http::PageRequest page = http::ReadPage(req.query, errors);
  if (page.page < 1 || page.page > http::kMaxPage || page.limit < 1 || page.limit > http::kMaxLimit) {
    fuzz::Violated();
  }
  for (const auto& [key, value] : req.query) {
    if (auto id = http::ParseId(value); id && *id < 1) fuzz::Violated();
    for (bool end_of_day : {false, true}) {
      if (auto stored = time::ParseTimestamp(value, end_of_day)) CheckStored(*stored);
    }
  }
  for (const char* name : {"from", "to", "since"}) {
    if (auto stored = http::TimestampParam(req, name, std::string_view(name) == "to", errors)) {
      CheckStored(*stored);
    }
  }
  return 0;
}
