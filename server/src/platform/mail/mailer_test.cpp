#include "platform/mail/mailer.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "platform/crypto/cipher.hpp"
#include "platform/mail/email_job.hpp"

namespace moderno::mail {
namespace {

// Decodes quoted-printable (test helper: the inverse of QuotedPrintable).
std::string DecodeQp(const std::string& qp) {
  std::string out;
  for (std::size_t i = 0; i < qp.size(); ++i) {
    if (qp[i] == '=' && i + 2 < qp.size() && qp[i + 1] == '\r' && qp[i + 2] == '\n') {
      i += 2;
    } else if (qp[i] == '=' && i + 2 < qp.size()) {
      out += static_cast<char>(std::stoi(qp.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += qp[i];
    }
  }
  return out;
}

TEST(QuotedPrintable, EncodesAndWrapsAt76) {
  EXPECT_EQ(QuotedPrintable("plain text"), "plain text");
  EXPECT_EQ(QuotedPrintable("a=b"), "a=3Db");
  EXPECT_EQ(QuotedPrintable("ñ"), "=C3=B1");
  EXPECT_EQ(QuotedPrintable("line \nnext\r\nlast"), "line=20\r\nnext\r\nlast");
  const std::string long_line(200, 'x');
  const std::string qp = QuotedPrintable("Pedido ñandú " + long_line + " fin");
  std::size_t start = 0;
  while (start < qp.size()) {
    std::size_t end = qp.find("\r\n", start);
    if (end == std::string::npos) end = qp.size();
    EXPECT_LE(end - start, 76u);
    start = end + 2;
  }
  EXPECT_EQ(DecodeQp(qp), "Pedido ñandú " + long_line + " fin");
}

TEST(EncodeHeader, AsciiStaysAndUtf8BecomesEncodedWords) {
  EXPECT_EQ(EncodeHeader("Your order MOD-1"), "Your order MOD-1");
  const std::string subject = "¿Qué te pareció tu compra? Pedido MOD-2026-ABCDEF, ñandú, acción, canción";
  const std::string enc = EncodeHeader(subject);
  std::regex word("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]+)\\?=");
  std::string decoded;
  for (std::sregex_iterator it(enc.begin(), enc.end(), word), end; it != end; ++it) {
    EXPECT_LE((*it)[0].length(), 75);
    auto part = crypto::Base64Decode((*it)[1].str());
    ASSERT_TRUE(part);
    decoded += *part;
  }
  EXPECT_EQ(decoded, subject) << "words split on character boundaries and join back";
  EXPECT_NE(enc.find("\r\n "), std::string::npos) << "folded";
}

TEST(AddressOf, TakesTheAddrSpec) {
  EXPECT_EQ(AddressOf("Tienda <no-reply@tienda.cl>"), "no-reply@tienda.cl");
  EXPECT_EQ(AddressOf(" ana@correo.cl "), "ana@correo.cl");
}

TEST(BuildMime, MultipartWithAllHeaders) {
  Message m{"ana@correo.cl", "Recibimos tu pedido MOD-1", "Hola Ana, ñ\nTotal: $12.990\n", "<p>Hola Ana, ñ</p>"};
  const auto now = std::chrono::sys_days{std::chrono::year{2026} / 11 / 28} + std::chrono::hours{13};
  auto b = BuildMime(m, "Tienda Ñuñoa <no-reply@tienda.cl>", now);
  ASSERT_TRUE(b) << b.error().internal;
  const std::string& t = b->text;
  EXPECT_TRUE(t.starts_with("From: =?UTF-8?B?")) << t;
  EXPECT_NE(t.find("?= <no-reply@tienda.cl>\r\n"), std::string::npos);
  EXPECT_NE(t.find("\r\nTo: ana@correo.cl\r\n"), std::string::npos);
  EXPECT_NE(t.find("\r\nSubject: Recibimos tu pedido MOD-1\r\n"), std::string::npos);
  EXPECT_NE(t.find("\r\nDate: Sat, 28 Nov 2026 13:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(t.find("\r\nMessage-ID: <" + b->message_id + ">\r\n"), std::string::npos);
  EXPECT_TRUE(b->message_id.ends_with("@tienda.cl"));
  EXPECT_NE(t.find("\r\nMIME-Version: 1.0\r\n"), std::string::npos);
  std::smatch boundary;
  ASSERT_TRUE(std::regex_search(t, boundary, std::regex("multipart/alternative; boundary=\"([^\"]+)\"")));
  const std::string sep = "--" + boundary[1].str();
  const auto first = t.find(sep + "\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                                   "Content-Transfer-Encoding: quoted-printable\r\n\r\nHola Ana, =C3=B1\r\nTotal: $12.990");
  const auto second = t.find(sep + "\r\nContent-Type: text/html; charset=UTF-8\r\n"
                                    "Content-Transfer-Encoding: quoted-printable\r\n\r\n<p>Hola Ana, =C3=B1</p>");
  ASSERT_NE(first, std::string::npos) << t;
  ASSERT_NE(second, std::string::npos) << t;
  EXPECT_LT(first, second) << "the preferred (HTML) part comes last";
  EXPECT_TRUE(t.ends_with(sep + "--\r\n"));
  for (char c : t) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << "7-bit clean";
}

TEST(BuildMime, TextOnlyAndHeaderInjection) {
  auto b = BuildMime({"ana@correo.cl", "Hola", "solo texto", ""}, "x@tienda.cl", std::chrono::system_clock::now());
  ASSERT_TRUE(b);
  EXPECT_EQ(b->text.find("multipart"), std::string::npos);
  EXPECT_NE(b->text.find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);
  EXPECT_FALSE(BuildMime({"ana@correo.cl\r\nBcc: x@y.cl", "Hola", "t", ""}, "x@tienda.cl", std::chrono::system_clock::now()));
  EXPECT_FALSE(BuildMime({"ana@correo.cl", "Hola\nBcc: x@y.cl", "t", ""}, "x@tienda.cl", std::chrono::system_clock::now()));
  EXPECT_FALSE(BuildMime({"nadie", "Hola", "t", ""}, "x@tienda.cl", std::chrono::system_clock::now()));
}

TEST(EmailJob, PayloadRoundTrip) {
  EmailJob job;
  job.template_name = "order_placed";
  job.locale = "en";
  job.to = "ana@correo.cl";
  job.vars = boost::json::object{{"order_number", "MOD-1"}};
  job.sealed_vars = "v1:abc";
  auto back = FromPayload(ToPayload(job));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->template_name, "order_placed");
  EXPECT_EQ(back->locale, "en");
  EXPECT_EQ(back->to, "ana@correo.cl");
  EXPECT_EQ(back->vars.at("order_number").as_string(), "MOD-1");
  EXPECT_EQ(back->sealed_vars.value_or(""), "v1:abc");
  EXPECT_FALSE(FromPayload("[]"));
  EXPECT_FALSE(FromPayload("{\"to\":\"a@b.cl\"}"));
}

}  // namespace
}  // namespace moderno::mail
