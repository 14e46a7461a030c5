#include "catalog/images/srcset.hpp"

#include <boost/json.hpp>

namespace moderno::catalog::images {
namespace json = boost::json;

std::vector<VariantFile> ParseVariants(const std::optional<std::string>& json_text) {
  std::vector<VariantFile> out;
  if (!json_text || json_text->empty()) return out;
  boost::system::error_code ec;
  json::value v = json::parse(*json_text, ec);
  if (ec || !v.is_array()) return out;
  for (const json::value& e : v.as_array()) {
    const json::object* o = e.if_object();
    if (!o || !o->contains("width") || !o->contains("webp") || !o->contains("original")) continue;
    VariantFile f;
    f.width = static_cast<int>(o->at("width").to_number<std::int64_t>());
    if (o->contains("height")) f.height = static_cast<int>(o->at("height").to_number<std::int64_t>());
    f.webp = std::string(o->at("webp").as_string());
    f.original = std::string(o->at("original").as_string());
    out.push_back(std::move(f));
  }
  return out;
}

std::string VariantsJson(const std::vector<VariantFile>& variants) {
  json::array a;
  for (const VariantFile& f : variants) {
    a.push_back({{"width", f.width}, {"height", f.height}, {"webp", f.webp}, {"original", f.original}});
  }
  return json::serialize(a);
}

json::object ToJson(const Image& i) {
  const std::vector<VariantFile> variants = ParseVariants(i.variants_json);
  std::string srcset, srcset_original;
  for (const VariantFile& f : variants) {
    const std::string w = " " + std::to_string(f.width) + "w";
    srcset += (srcset.empty() ? "" : ", ") + f.webp + w;
    srcset_original += (srcset_original.empty() ? "" : ", ") + f.original + w;
  }
  return {{"id", i.id},
          {"url", i.url},
          {"alt", i.alt ? json::value(*i.alt) : json::value(nullptr)},
          {"position", i.position},
          {"status", i.status},
          {"width", i.width ? json::value(*i.width) : json::value(nullptr)},
          {"height", i.height ? json::value(*i.height) : json::value(nullptr)},
          {"src", variants.empty() ? i.url : variants.back().original},
          {"srcset", srcset},
          {"srcset_original", srcset_original},
          {"sizes", kSizes}};
}

}  // namespace moderno::catalog::images
