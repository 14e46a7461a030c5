// JSON request bodies: http::ParseJsonObject on any bytes, then the Fields readers the handlers
// use on whatever object came out (the names below are the ones real handlers read).
#include <boost/json.hpp>

#include "fuzz_input.hpp"
#include "platform/http/json_body.hpp"

using namespace moderno;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  http::Request req;
  req.method = "POST";
  req.body = std::string(fuzz::Text(data, size));
  auto body = http::ParseJsonObject(req);
  if (!body) {
    if (body.error().code != Errc::kMalformed) fuzz::Violated();
    return 0;
  }
  http::Fields fields(*body);
  auto name = fields.String("name");
  auto description = fields.OptString("description", 10000);
  auto sku = fields.String("sku", 64);
  auto quantity = fields.Int("quantity", 1, 999);
  auto price = fields.Int("price", 0, 100'000'000, false);
  auto active = fields.Bool("active");
  auto featured = fields.Bool("featured", true);
  (void)fields.Has("category_id");
  // A reader that failed named its field; one that succeeded kept its bounds.
  if (name && (name->empty() || name->size() > 255)) fuzz::Violated();
  if (sku && (sku->empty() || sku->size() > 64)) fuzz::Violated();
  if (description && description->size() > 10000) fuzz::Violated();
  if (quantity && (*quantity < 1 || *quantity > 999)) fuzz::Violated();
  if (price && (*price < 0 || *price > 100'000'000)) fuzz::Violated();
  for (const FieldError& e : fields.errors()) {
    if (e.field.empty() || e.code.empty()) fuzz::Violated();
  }
  (void)active;
  (void)featured;
  // What the handlers echo back serialises and parses again. (Not compared for equality:
  // Boost.JSON 1.81 does not round long or huge doubles correctly when parsing, so
  // parse(serialize(x)) may differ from x by one ulp; money is integer minor units.)
  const std::string text = boost::json::serialize(*body);
  boost::system::error_code ec;
  const boost::json::value again = boost::json::parse(text, ec);
  if (ec || !again.is_object() || again.as_object().size() != body->size()) fuzz::Violated();
  return 0;
}
