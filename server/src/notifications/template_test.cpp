#include "notifications/template.hpp"

#include <gtest/gtest.h>

#include "notifications/embedded_templates.hpp"
#include "notifications/render.hpp"

namespace moderno::notifications {
namespace {

namespace json = boost::json;

std::string R(std::string_view t, const json::object& vars, Escape e = Escape::kNone) {
  auto r = RenderTemplate(t, vars, e);
  EXPECT_TRUE(r) << (r ? "" : r.error().internal);
  return r ? *r : "<error>";
}

TEST(Template, SubstitutesAndEscapesOnlyInHtml) {
  const json::object vars{{"name", "Ana <b>&\"'"}, {"n", 3}};
  EXPECT_EQ(R("Hola {{name}}, {{n}}", vars), "Hola Ana <b>&\"', 3");
  EXPECT_EQ(R("Hola {{ name }}", vars, Escape::kHtml), "Hola Ana &lt;b&gt;&amp;&quot;&#39;");
  EXPECT_EQ(R("{{{name}}}|{{& name}}", vars, Escape::kHtml), "Ana <b>&\"'|Ana <b>&\"'");
  EXPECT_EQ(R("[{{missing}}]", vars), "[]");
}

TEST(Template, SectionsRepeatOverListsAndSeeOuterNames) {
  const json::object vars{{"order", "MOD-1"},
                          {"items", json::array{json::object{{"p", "Zapatilla"}, {"q", 2}},
                                                json::object{{"p", "Polera <XL>"}, {"q", 1}}}}};
  EXPECT_EQ(R("{{#items}}{{q}}x{{p}} ({{order}});{{/items}}", vars, Escape::kHtml),
            "2xZapatilla (MOD-1);1xPolera &lt;XL&gt; (MOD-1);");
}

TEST(Template, SectionsOnTheirOwnLinesLeaveNoBlankLines) {
  const json::object vars{{"items", json::array{json::object{{"p", "a"}}, json::object{{"p", "b"}}}}, {"yes", true}};
  EXPECT_EQ(R("x\n{{#items}}\n- {{p}}\n{{/items}}\ny\n", vars), "x\n- a\n- b\ny\n");
  EXPECT_EQ(R("x\n  {{#no}}\nhidden\n  {{/no}}\n{{^no}}\nshown\n{{/no}}\n{{! note }}\nz", vars), "x\nshown\nz");
}

TEST(Template, TruthinessOfValues) {
  const json::object vars{{"t", true}, {"f", false}, {"e", ""}, {"s", "x"}, {"z", 0}, {"a", json::array{}}, {"nul", nullptr}};
  EXPECT_EQ(R("{{#t}}T{{/t}}{{#f}}F{{/f}}{{#e}}E{{/e}}{{#s}}S{{/s}}{{#z}}Z{{/z}}{{#a}}A{{/a}}{{#nul}}N{{/nul}}", vars), "TS");
  EXPECT_EQ(R("{{^f}}f{{/f}}{{^e}}e{{/e}}{{^a}}a{{/a}}{{^t}}t{{/t}}{{^gone}}g{{/gone}}", vars), "feag");
  EXPECT_EQ(R("{{#s}}{{.}}{{/s}}", vars), "x");
}

TEST(Template, NestedSectionsOfTheSameName) {
  const json::object vars{{"a", json::object{{"a", json::object{{"v", "in"}}}, {"v", "out"}}}};
  EXPECT_EQ(R("{{#a}}{{v}}{{#a}}/{{v}}{{/a}}{{/a}}", vars), "out/in");
}

TEST(Template, MalformedTemplatesAreErrors) {
  EXPECT_FALSE(RenderTemplate("{{#open}} never closed", {}, Escape::kNone));
  EXPECT_FALSE(RenderTemplate("{{name", {}, Escape::kNone));
  EXPECT_FALSE(RenderTemplate("{{{name}}", {}, Escape::kNone));
  EXPECT_FALSE(RenderTemplate("stray {{/close}}", {}, Escape::kNone));
}

TEST(Render, ClpMoney) {
  EXPECT_EQ(FormatClp(0), "$0");
  EXPECT_EQ(FormatClp(990), "$990");
  EXPECT_EQ(FormatClp(12990), "$12.990");
  EXPECT_EQ(FormatClp(1234567), "$1.234.567");
  EXPECT_EQ(FormatClp(-5000), "-$5.000");
}

TEST(Render, EveryTemplateRendersInBothLanguages) {
  const char* names[] = {"verify_email",   "password_reset", "order_placed",   "payment_received", "order_shipped",
                         "order_delivered", "order_cancelled", "order_refunded", "low_stock"};
  for (const char* name : names) {
    for (const char* locale : {"es", "en"}) {
      ASSERT_TRUE(EmbeddedTemplates().contains(std::string(name) + "." + locale + ".tmpl")) << name << locale;
      mail::EmailJob job;
      job.template_name = name;
      job.locale = locale;
      job.to = "ana@correo.cl";
      job.vars = json::object{{"order_number", "MOD-2026-ABC123"}, {"name", "Ana <script>"}, {"product", "Zapatilla"},
                  {"items", json::array{json::object{{"product", "Zapatilla"}, {"quantity", 2}}}}};
      auto m = Render(job, Brand{});
      ASSERT_TRUE(m) << name << " " << locale << ": " << m.error().internal;
      EXPECT_FALSE(m->subject.empty());
      EXPECT_EQ(m->subject.find('\n'), std::string::npos);
      EXPECT_NE(m->html.find("<html lang=\"" + std::string(locale) + "\">"), std::string::npos);
      EXPECT_EQ(m->html.find("<script>"), std::string::npos) << "variables are escaped in HTML";
      EXPECT_EQ(m->text.find("{{"), std::string::npos);
    }
  }
}

TEST(Render, LanguageAndFallback) {
  mail::EmailJob job;
  job.template_name = "order_shipped";
  job.locale = "en";
  job.vars = json::object{{"order_number", "MOD-1"}, {"tracking_number", "CHX1"}};
  auto en = Render(job, Brand{});
  ASSERT_TRUE(en);
  EXPECT_EQ(en->subject, "Your order MOD-1 is on its way");
  EXPECT_NE(en->text.find("Tracking number: CHX1"), std::string::npos);
  job.locale = "fr";  // unknown: Spanish
  auto es = Render(job, Brand{});
  ASSERT_TRUE(es);
  EXPECT_EQ(es->subject, "Tu pedido MOD-1 va en camino");
  job.template_name = "nope";
  EXPECT_FALSE(Render(job, Brand{}));
}

}  // namespace
}  // namespace moderno::notifications
