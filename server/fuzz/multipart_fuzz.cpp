// multipart/form-data uploads (product images, the CSV import): line 1 is the Content-Type
// header, the rest the body, through http::IsMultipart, ParseMultipart and FindPart.
#include "fuzz_input.hpp"
#include "platform/http/multipart.hpp"

using namespace moderno;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body = fuzz::Text(data, size);
  const std::string content_type(fuzz::TakeLine(body));
  // The body is copied so that a part pointing outside it is caught by AddressSanitizer.
  const std::string owned(body);
  (void)http::IsMultipart(content_type);
  auto parts = http::ParseMultipart(content_type, owned);
  if (!parts) {
    if (parts.error().code != Errc::kMalformed) fuzz::Violated();
    return 0;
  }
  const char* begin = owned.data();
  const char* end = owned.data() + owned.size();
  for (const http::MultipartPart& part : *parts) {
    if (!part.data.empty() && (part.data.data() < begin || part.data.data() + part.data.size() > end)) {
      fuzz::Violated();
    }
    if (http::FindPart(*parts, part.name) == nullptr) fuzz::Violated();
  }
  (void)http::FindPart(*parts, "file");
  return 0;
}
