#include "notifications/render.hpp"

#include <optional>

#include "notifications/embedded_templates.hpp"
#include "notifications/template.hpp"

namespace moderno::notifications {
namespace {

namespace json = boost::json;

struct Parts {
  std::string_view subject, text, html;
};

std::optional<Parts> Split(std::string_view file) {
  constexpr std::string_view kSubject = "Subject:", kText = "\n--- text\n", kHtml = "\n--- html\n";
  if (!file.starts_with(kSubject)) return std::nullopt;
  const std::size_t text = file.find(kText);
  const std::size_t html = file.find(kHtml);
  if (text == std::string_view::npos || html == std::string_view::npos || html < text) return std::nullopt;
  Parts p;
  p.subject = file.substr(kSubject.size(), text - kSubject.size());
  while (!p.subject.empty() && p.subject.front() == ' ') p.subject.remove_prefix(1);
  p.text = file.substr(text + kText.size(), html - text - kText.size());
  p.html = file.substr(html + kHtml.size());
  return p;
}

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

}  // namespace

std::string FormatClp(std::int64_t amount) {
  const bool negative = amount < 0;
  std::string digits = std::to_string(negative ? -amount : amount);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return (negative ? "-$" : "$") + out;
}

Result<mail::Message> Render(const mail::EmailJob& job, const Brand& brand) {
  const auto& files = EmbeddedTemplates();
  const std::string locale = job.locale == "en" ? "en" : "es";
  auto it = files.find(job.template_name + "." + locale + ".tmpl");
  if (it == files.end()) it = files.find(job.template_name + ".es.tmpl");
  if (it == files.end()) return Fail(Errc::kInvalidArgument, "", "no email template " + job.template_name);
  const auto parts = Split(it->second);
  if (!parts) return Fail(Errc::kInvalidArgument, "", "malformed email template " + it->first);

  json::object vars = job.vars;
  vars["shop_name"] = brand.shop_name;
  vars["shop_url"] = brand.public_url;
  vars["lang"] = locale;
  auto subject = RenderTemplate(parts->subject, vars, Escape::kNone);
  if (!subject) return std::unexpected(subject.error());
  mail::Message m;
  m.to = job.to;
  m.subject = OneLine(*subject);
  vars["subject"] = m.subject;
  auto text = RenderTemplate(parts->text, vars, Escape::kNone);
  if (!text) return std::unexpected(text.error());
  m.text = *text + "\n--\n" + brand.shop_name + " - " + brand.public_url + "\n";
  auto content = RenderTemplate(parts->html, vars, Escape::kHtml);
  if (!content) return std::unexpected(content.error());
  vars["content"] = *content;
  vars["footer"] = locale == "en" ? brand.shop_name + " - you receive this email because of your account or order with us."
                                  : brand.shop_name + " - recibes este correo por tu cuenta o tu pedido con nosotros.";
  const auto layout = files.find("layout.html");
  if (layout == files.end()) return Fail(Errc::kInvalidArgument, "", "no email layout");
  auto html = RenderTemplate(layout->second, vars, Escape::kHtml);
  if (!html) return std::unexpected(html.error());
  m.html = std::move(*html);
  return m;
}

}  // namespace moderno::notifications
