// The e-mail template engine: notifications::RenderTemplate on any template, as HTML and as
// text, with variables shaped like an order e-mail's. Only `items` has more than one element,
// and each item hides `items` with an empty list, so nested sections stay linear in time.
#include <boost/json.hpp>

#include "fuzz_input.hpp"
#include "notifications/template.hpp"

using namespace moderno;

namespace {

boost::json::object Vars() {
  return boost::json::parse(R"({
    "customer_name": "Ana <b>&'\"",
    "order": {"number": "MOD-000042", "total": "1.234,50 €", "paid": true, "notes": ""},
    "items": [{"name": "Camión rojo", "quantity": 2, "price": 1999, "items": []},
              {"name": "Zig-Zag", "quantity": 1, "price": -5, "gift": true, "items": []}],
    "coupon": null, "tracking": [], "shipping": [{"method": "Correos", "eta": 2.5}],
    "big": 18446744073709551615, "flag": false, "content": "<p>trusted</p>"
  })").as_object();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const boost::json::object kVars = Vars();
  const std::string_view tmpl = fuzz::Text(data, size);
  auto html = notifications::RenderTemplate(tmpl, kVars, notifications::Escape::kHtml);
  auto text = notifications::RenderTemplate(tmpl, kVars, notifications::Escape::kNone);
  // Escaping changes what is written, never whether the template is well-formed.
  if (html.has_value() != text.has_value()) fuzz::Violated();
  if (!html && (html.error().code != Errc::kInternal || html.error().internal.empty())) fuzz::Violated();
  // A template without tags renders as itself.
  if (tmpl.find("{{") == std::string_view::npos && (!html || *html != tmpl)) fuzz::Violated();
  (void)notifications::HtmlEscape(tmpl);
  return 0;
}
