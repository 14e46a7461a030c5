// Order and account emails through durable jobs, delivered to a real SMTP server started by the
// test (Debian's python3-aiosmtpd storing each message in a maildir), on both databases.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <thread>

#include "orders_fixture.hpp"
#include "notifications/render.hpp"
#include "platform/crypto/cipher.hpp"

extern char** environ;

namespace moderno::testing {
namespace {

namespace fs = std::filesystem;

// aiosmtpd's Mailbox handler on a free loopback port; one maildir file per message received.
class SmtpSink {
 public:
  SmtpSink() : dir_(fs::temp_directory_path() / ("moderno-smtp-" + std::to_string(::getpid()))) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);  // aiosmtpd makes the maildir, not its parent
    port_ = FreePort();
  }
  ~SmtpSink() {
    Stop();
    fs::remove_all(dir_);
  }
  std::uint16_t port() const { return port_; }

  // Starts the server and waits (up to 10 s) until it accepts connections.
  void Start() {
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    const std::string maildir = (dir_ / "maildir").string();
    std::vector<std::string> args{"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", listen,
                                  "-c", "aiosmtpd.handlers.Mailbox", maildir};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ASSERT_EQ(posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ), 0) << "python3-aiosmtpd installed?";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!Accepts()) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "SMTP sink did not start";
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  void Stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    // Gone for good: the port refuses connections from now on.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (Accepts() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // The raw text of every message received, CRLF turned into LF.
  std::vector<std::string> Messages() const {
    std::vector<std::string> out;
    for (const char* sub : {"new", "cur"}) {
      const auto d = dir_ / "maildir" / sub;
      if (!fs::exists(d)) continue;
      for (const auto& f : fs::directory_iterator(d)) {
        std::ifstream in(f.path(), std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        out.push_back(std::regex_replace(text, std::regex("\r\n"), "\n"));
      }
    }
    return out;
  }
  void Clear() {
    for (const char* sub : {"new", "cur"}) {
      const auto d = dir_ / "maildir" / sub;
      if (!fs::exists(d)) continue;
      for (const auto& f : fs::directory_iterator(d)) fs::remove(f.path());
    }
  }

 private:
  static std::uint16_t FreePort() {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(s);
    return ntohs(a.sin_port);
  }
  bool Accepts() const {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port_);
    const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(s);
    return ok;
  }

  fs::path dir_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

// The decoded (quoted-printable) body of the part with this content type, or "" when absent.
std::string Part(const std::string& message, const std::string& type) {
  const auto at = message.find("Content-Type: " + type + "; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n");
  if (at == std::string::npos) return "";
  const auto start = message.find("\n\n", at) + 2;
  const auto end = message.find("\n--=_moderno_", start);
  const std::string qp = message.substr(start, end - start);
  std::string out;
  for (std::size_t i = 0; i < qp.size(); ++i) {
    if (qp[i] == '=' && i + 1 < qp.size() && qp[i + 1] == '\n') {
      ++i;
    } else if (qp[i] == '=' && i + 2 < qp.size()) {
      out += static_cast<char>(std::stoi(qp.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += qp[i];
    }
  }
  return out;
}

// A Subject (or other header) made of RFC 2047 encoded words, decoded.
std::string DecodedHeader(const std::string& message, const std::string& name) {
  std::smatch m;
  if (!std::regex_search(message, m, std::regex("(^|\n)" + name + ": ((?:[^\n]|\n[ \t])*)"))) return "";
  const std::string value = m[2];
  std::string out;
  std::regex word("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]+)\\?=");
  for (std::sregex_iterator it(value.begin(), value.end(), word), end; it != end; ++it) {
    auto part = crypto::Base64Decode((*it)[1].str());
    if (part) out += *part;
  }
  return out;
}

std::string Header(const std::string& message, const std::string& name) {
  std::smatch m;
  if (!std::regex_search(message, m, std::regex("(^|\n)" + name + ": ([^\n]*)"))) return "";
  return m[2];
}

class EmailHttpTest : public OrdersTest {
 protected:
  static void SetUpTestSuite() {
    sink_ = new SmtpSink();
    sink_->Start();
    const std::string url = "smtp://127.0.0.1:" + std::to_string(sink_->port());
    configure_ = [url](config::Config& c) {
      c.smtp_url = url;
      c.mail_from = "Tienda Moderna <tienda@moderno.test>";
    };
    OrdersTest::SetUpTestSuite();
    configure_ = nullptr;
  }
  static void TearDownTestSuite() {
    OrdersTest::TearDownTestSuite();
    delete sink_;
    sink_ = nullptr;
  }
  void SetUp() override {
    // Each test starts with no due mail and an empty sink.
    store_->app().jobs().RunDue();
    sink_->Clear();
  }
  static int RunJobs() { return store_->app().jobs().RunDue(); }
  static std::int64_t QueuedEmailJobs() {
    return Scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'email' AND status IN ('queued', 'running')");
  }
  // The messages received whose text contains `needle`.
  static std::vector<std::string> MessagesWith(const std::string& needle) {
    std::vector<std::string> out;
    for (auto& m : sink_->Messages()) {
      if (m.find(needle) != std::string::npos || Part(m, "text/plain").find(needle) != std::string::npos ||
          Part(m, "text/html").find(needle) != std::string::npos) {
        out.push_back(m);
      }
    }
    return out;
  }
  static Reply SetStatus(const Reply& order, const std::string& status, json::object extra = {}) {
    extra["status"] = status;
    return Call("PUT", "/api/v1/orders/" + std::to_string(order.body.at("id").as_int64()) + "/status", extra, admin_);
  }

  static inline SmtpSink* sink_ = nullptr;
};

TEST_F(EmailHttpTest, PlacingAnOrderDeliversOneMultipartMessageOnce) {
  const auto p = MakeProduct("EM-P1", 12990, {{"W1", 10}});
  auto order = PlaceOrder(customer_, json::array{Line(p, 2)});
  ASSERT_EQ(order.status, 201) << order.raw;
  const std::string number(order.body.at("order_number").as_string());
  EXPECT_TRUE(sink_->Messages().empty()) << "nothing is sent inline";
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'email' AND status = 'queued' AND payload LIKE ?",
                   {"%" + number + "%"}),
            1);
  RunJobs();

  auto got = sink_->Messages();
  ASSERT_EQ(got.size(), 1u);
  const std::string& m = got[0];
  EXPECT_EQ(Header(m, "From"), "Tienda Moderna <tienda@moderno.test>");
  EXPECT_EQ(Header(m, "To"), customer_->email);
  EXPECT_EQ(Header(m, "Subject"), "Recibimos tu pedido " + number);
  EXPECT_TRUE(std::regex_match(Header(m, "Date"),
                               std::regex("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} \\+0000")))
      << Header(m, "Date");
  EXPECT_TRUE(std::regex_match(Header(m, "Message-ID"), std::regex("<[A-Za-z0-9_-]+@moderno\\.test>"))) << Header(m, "Message-ID");
  EXPECT_EQ(Header(m, "MIME-Version"), "1.0");
  EXPECT_NE(Header(m, "Content-Type").find("multipart/alternative; boundary="), std::string::npos);
  EXPECT_EQ(Header(m, "X-RcptTo"), customer_->email) << "envelope recipient";
  const std::string text = Part(m, "text/plain"), html = Part(m, "text/html");
  EXPECT_NE(text.find(number), std::string::npos) << m;
  EXPECT_NE(text.find("2 x Producto EM-P1: $25.980"), std::string::npos) << text;
  EXPECT_NE(text.find("Total: "), std::string::npos);
  EXPECT_NE(html.find("<strong>" + number + "</strong>"), std::string::npos) << html;
  EXPECT_NE(html.find("<html lang=\"es\">"), std::string::npos);

  RunJobs();
  EXPECT_EQ(sink_->Messages().size(), 1u) << "running jobs again delivers nothing more";
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'email' AND status = 'done' AND payload LIKE ?",
                   {"%" + number + "%"}),
            1);
}

TEST_F(EmailHttpTest, SmtpDownKeepsTheJobAndItIsDeliveredLater) {
  const auto p = MakeProduct("EM-P2", 5000, {{"W1", 10}});
  sink_->Stop();
  auto order = PlaceOrder(customer_, json::array{Line(p, 1)});
  ASSERT_EQ(order.status, 201) << order.raw;
  const std::string number(order.body.at("order_number").as_string());
  auto job = [&] {
    return store_->app().db().Read([&](db::UnitOfWork& uow) -> Result<db::Row> {
      return *uow.QueryOne("SELECT status, attempts, last_error FROM jobs WHERE kind = 'email' AND payload LIKE ?",
                           {"%" + number + "%"});
    });
  };
  RunJobs();
  auto row = job();
  ASSERT_TRUE(row);
  EXPECT_EQ(row->Str(0), "queued") << "kept for a retry";
  EXPECT_EQ(row->Int(1), 1);
  EXPECT_NE(row->Str(2).find("SMTP"), std::string::npos) << row->Str(2);
  RunJobs();
  EXPECT_EQ(job()->Int(1), 1) << "not run again before its backoff";

  sink_->Start();
  clock_->Advance(std::chrono::minutes(2));
  RunJobs();
  EXPECT_EQ(MessagesWith(number).size(), 1u);
  EXPECT_EQ(job()->Str(0), "done");
  EXPECT_EQ(job()->Int(1), 2);
  EXPECT_EQ(QueuedEmailJobs(), 0);
}

TEST_F(EmailHttpTest, NoEmailWhenTheOrderRolledBack) {
  const auto p = MakeProduct("EM-P3", 5000, {{"W1", 1}});
  const auto before = Scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'email'");
  auto refused = PlaceOrder(customer_, json::array{Line(p, 5)});
  ASSERT_EQ(refused.status, 409) << refused.raw;
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'email'"), before) << "no job without the order";
  RunJobs();
  EXPECT_TRUE(sink_->Messages().empty());
}

TEST_F(EmailHttpTest, OrderLifeMailsPaymentShippedWithTrackingAndDeliveredWithReviewLinks) {
  const auto p = MakeProduct("EM-P4", 20000, {{"W1", 10}});
  auto order = PlaceOrder(customer_, json::array{Line(p, 1)});
  ASSERT_EQ(order.status, 201) << order.raw;
  const std::string id = std::to_string(order.body.at("id").as_int64());
  const std::string number(order.body.at("order_number").as_string());
  ASSERT_EQ(Call("POST", "/api/v1/admin/orders/" + id + "/mark-paid", json::object{{"reference", "TRX-1"}}, admin_).status, 200);
  ASSERT_EQ(SetStatus(order, "processing").status, 200);
  ASSERT_EQ(SetStatus(order, "shipped", {{"tracking_number", "CHX-778899"}}).status, 200);
  ASSERT_EQ(SetStatus(order, "delivered").status, 200);
  RunJobs();
  EXPECT_EQ(MessagesWith(number).size(), 4u) << "placed, payment received, shipped, delivered";

  auto shipped = MessagesWith("CHX-778899");
  ASSERT_EQ(shipped.size(), 1u);
  EXPECT_EQ(Header(shipped[0], "Subject"), "Tu pedido " + number + " va en camino");
  EXPECT_NE(Part(shipped[0], "text/plain").find("Número de seguimiento: CHX-778899"), std::string::npos);
  EXPECT_NE(Part(shipped[0], "text/html").find("<strong>CHX-778899</strong>"), std::string::npos);

  // The whole total is paid: the product plus shipping.
  const std::string total = notifications::FormatClp(order.body.at("total_amount").as_int64());
  ASSERT_NE(total, "$20.000");
  bool payment_mail = false;
  for (const auto& m : MessagesWith(total)) {
    if (Part(m, "text/plain").find("Recibimos el pago de " + total + " de tu pedido " + number) != std::string::npos) payment_mail = true;
  }
  EXPECT_TRUE(payment_mail);

  bool review_mail = false;
  for (const auto& m : MessagesWith(number)) {
    const std::string html = Part(m, "text/html");
    if (html.find("/productos/em-p4\">Producto EM-P4</a>") != std::string::npos) {
      review_mail = true;
      EXPECT_TRUE(Header(m, "Subject").starts_with("=?UTF-8?B?")) << "non-ASCII subjects are RFC 2047-encoded";
      EXPECT_EQ(DecodedHeader(m, "Subject"), "¿Qué te pareció tu compra? Pedido " + number);
    }
  }
  EXPECT_TRUE(review_mail) << "the delivered mail links to the product page for a review";
}

TEST_F(EmailHttpTest, CancelAndPartialRefundMails) {
  const auto p = MakeProduct("EM-P5", 30000, {{"W1", 10}});
  auto a = PlaceOrder(customer_, json::array{Line(p, 1)});
  ASSERT_EQ(a.status, 201);
  const std::string a_number(a.body.at("order_number").as_string());
  ASSERT_EQ(Call("POST", "/api/v1/orders/" + std::to_string(a.body.at("id").as_int64()) + "/cancel", "", customer_).status, 200);
  auto b = PlaceOrder(customer_, json::array{Line(p, 1)});
  const std::string b_id = std::to_string(b.body.at("id").as_int64());
  const std::string b_number(b.body.at("order_number").as_string());
  const std::string b_total = notifications::FormatClp(b.body.at("total_amount").as_int64());
  ASSERT_EQ(Call("POST", "/api/v1/admin/orders/" + b_id + "/mark-paid", "", admin_).status, 200);
  auto refund = Call("POST", "/api/v1/admin/orders/" + b_id + "/refund", json::object{{"amount", 5000}, {"reason", "Caja dañada"}}, admin_);
  ASSERT_EQ(refund.status, 200) << refund.raw;
  RunJobs();
  bool cancelled = false, refunded = false;
  for (const auto& m : sink_->Messages()) {
    const std::string text = Part(m, "text/plain");
    if (text.find("Tu pedido " + a_number + " fue cancelado.") != std::string::npos) cancelled = true;
    if (text.find("Reembolsamos $5.000 de tu pedido " + b_number + " (total del pedido: " + b_total + ").") != std::string::npos &&
        text.find("Motivo: Caja dañada") != std::string::npos) {
      refunded = true;
    }
  }
  EXPECT_TRUE(cancelled);
  EXPECT_TRUE(refunded);
}

TEST_F(EmailHttpTest, EnglishForACustomerWhoseLocaleIsEn) {
  auto buyer = store_->CreateUser(http::Role::kCustomer);
  auto put = Call("PUT", "/api/v1/me", json::object{{"locale", "en"}}, &buyer);
  ASSERT_EQ(put.status, 200) << put.raw;
  EXPECT_EQ(put.body.at("locale").as_string(), "en");
  EXPECT_EQ(Call("PUT", "/api/v1/me", json::object{{"locale", "fr"}}, &buyer).status, 422);
  const auto p = MakeProduct("EM-P6", 7990, {{"W1", 10}});
  auto order = PlaceOrder(&buyer, json::array{Line(p, 1)});
  ASSERT_EQ(order.status, 201);
  const std::string number(order.body.at("order_number").as_string());
  RunJobs();
  auto got = MessagesWith(number);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(Header(got[0], "Subject"), "We received your order " + number);
  EXPECT_NE(Part(got[0], "text/plain").find("Thank you for shopping with us"), std::string::npos);
  EXPECT_NE(Part(got[0], "text/html").find("<html lang=\"en\">"), std::string::npos);
}

TEST_F(EmailHttpTest, LowStockAlertGoesToStaff) {
  const auto p = MakeProduct("EM-P7", 1000, {{"W1", 5}}, 3);
  auto order = PlaceOrder(customer_, json::array{Line(p, 3)});
  ASSERT_EQ(order.status, 201) << order.raw;
  RunJobs();
  auto alerts = MessagesWith("EM-P7");
  bool to_admin = false;
  for (const auto& m : alerts) {
    if (Header(m, "To") == admin_->email && Part(m, "text/plain").find("Quedan 2 unidades disponibles de Producto EM-P7") != std::string::npos) {
      to_admin = true;
    }
    EXPECT_NE(Header(m, "To"), manager_->email) << "managers are not alerted";
  }
  EXPECT_TRUE(to_admin);
}

TEST_F(EmailHttpTest, VerificationMailIsAJobWithItsTokenSealed) {
  auto r = Call("POST", "/api/v1/auth/register",
                json::object{{"email", "nueva.clienta@correo.cl"}, {"password", "Secreto#2026"}, {"name", "Nueva Ñandú"}});
  ASSERT_EQ(r.status, 201) << r.raw;
  auto payload = store_->app().db().Read([&](db::UnitOfWork& uow) -> Result<std::string> {
    return uow.QueryOne("SELECT payload FROM jobs WHERE kind = 'email' AND payload LIKE '%nueva.clienta%'")->Str(0);
  });
  ASSERT_TRUE(payload);
  EXPECT_NE(payload->find("verify_email"), std::string::npos);
  EXPECT_EQ(payload->find("verificar?token="), std::string::npos) << "no token in clear in the jobs table";
  EXPECT_TRUE(sink_->Messages().empty());
  RunJobs();
  auto got = MessagesWith("nueva.clienta@correo.cl");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(Header(got[0], "Subject"), "Bienvenido a eCommerce Moderno: confirma tu correo");
  EXPECT_NE(Part(got[0], "text/plain").find("Hola Nueva Ñandú,"), std::string::npos);
  const std::string text = Part(got[0], "text/plain");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(text, m, std::regex("verificar\\?token=([A-Za-z0-9_-]+)"))) << text;
  auto verified = Call("POST", "/api/v1/auth/verify-email", json::object{{"token", m[1].str()}});
  EXPECT_EQ(verified.status, 200) << verified.raw;
}

}  // namespace
}  // namespace moderno::testing
