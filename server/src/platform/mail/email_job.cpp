#include "platform/mail/email_job.hpp"

namespace moderno::mail {

namespace json = boost::json;

std::string ToPayload(const EmailJob& job) {
  json::object o{{"template", job.template_name}, {"locale", job.locale}, {"to", job.to}, {"vars", job.vars}};
  if (job.sealed_vars) o["sealed_vars"] = *job.sealed_vars;
  return json::serialize(o);
}

Result<EmailJob> FromPayload(std::string_view payload) {
  boost::system::error_code ec;
  json::value v = json::parse(payload, ec);
  if (ec || !v.is_object()) return Fail(Errc::kInvalidArgument, "", "email job payload is not a JSON object");
  const json::object& o = v.as_object();
  const auto str = [&](const char* key) -> const json::string* {
    const json::value* f = o.if_contains(key);
    return f && f->is_string() ? &f->as_string() : nullptr;
  };
  EmailJob job;
  const json::string* name = str("template");
  const json::string* to = str("to");
  if (!name || !to) return Fail(Errc::kInvalidArgument, "", "email job payload needs template and to");
  job.template_name = std::string(*name);
  job.to = std::string(*to);
  if (const json::string* locale = str("locale")) job.locale = std::string(*locale);
  if (const json::value* vars = o.if_contains("vars"); vars && vars->is_object()) job.vars = vars->as_object();
  if (const json::string* sealed = str("sealed_vars")) job.sealed_vars = std::string(*sealed);
  return job;
}

}  // namespace moderno::mail
