#include "notifications/service.hpp"

#include <algorithm>

#include "notifications/queries.hpp"
#include "platform/log/log.hpp"
#include "platform/time/time.hpp"

namespace moderno::notifications {
namespace {

namespace json = boost::json;

std::string Locale(const std::string& stored) { return stored == "en" ? "en" : "es"; }

}  // namespace

Notifier::Notifier(jobs::Queue& queue, mail::Mailer& mailer, const crypto::Cipher& cipher, Settings settings)
    : queue_(queue), mailer_(mailer), cipher_(cipher), settings_(std::move(settings)) {}

void Notifier::RegisterJobs() {
  // Emails are short: a worker claims up to 50 at once and stores their outcomes together.
  queue_.Register(mail::kEmailJobKind, [this](jobs::Context& ctx) { return Send(ctx.job()); }, {.batch = 50});
}

void Notifier::Enqueue(db::UnitOfWork& uow, mail::EmailJob job) {
  if (job.to.find('@') == std::string::npos) return;  // erased or placeholder accounts get no mail
  jobs::EnqueueOptions options;
  options.max_attempts = settings_.max_attempts;
  queue_.Enqueue(uow, mail::kEmailJobKind, mail::ToPayload(job), options);
}

Result<void> Notifier::Send(const jobs::Job& job) {
  auto email = mail::FromPayload(job.payload);
  if (!email) return std::unexpected(email.error());
  if (email->sealed_vars) {
    auto opened = cipher_.Decrypt(*email->sealed_vars);
    if (!opened) return Fail(Errc::kInternal, "", "email job: sealed variables cannot be opened");
    boost::system::error_code ec;
    json::value secret = json::parse(*opened, ec);
    if (ec || !secret.is_object()) return Fail(Errc::kInternal, "", "email job: sealed variables are not an object");
    for (auto& [key, value] : secret.as_object()) email->vars[key] = value;
  }
  auto message = Render(*email, settings_.brand);
  if (!message) return std::unexpected(message.error());
  if (auto sent = mailer_.Send(*message); !sent) return sent;
  log::Info("email sent", {{"template", email->template_name}, {"job_id", static_cast<long long>(job.id)}});
  return {};
}

void Notifier::OnOrderEvent(db::UnitOfWork& uow, const orders::OrderEvent& event) {
  if (event.kind == orders::kStockLow) {
    LowStock(uow, event);
  } else if (event.order) {
    OrderEmail(uow, event);
  }
}

void Notifier::OrderEmail(db::UnitOfWork& uow, const orders::OrderEvent& event) {
  std::string name;
  if (event.kind == orders::kOrderPlaced) name = "order_placed";
  else if (event.kind == orders::kOrderPaid) name = "payment_received";
  else if (event.kind == orders::kOrderRefunded) name = "order_refunded";
  else if (event.kind == orders::kOrderStatusChanged && event.to_status == "shipped") name = "order_shipped";
  else if (event.kind == orders::kOrderStatusChanged && event.to_status == "delivered") name = "order_delivered";
  else if (event.kind == orders::kOrderStatusChanged && event.to_status == "cancelled") name = "order_cancelled";
  else return;

  // order.placed carries the order just written, lines included; the other events read the
  // order's current data (tracking number, totals) in the transaction that made the change.
  const orders::Order& o = *event.order;
  const bool placed = event.kind == orders::kOrderPlaced;
  struct {
    std::string order_number, payment_status, payment_method, tracking_number;
    orders::Totals totals;
  } order;
  std::string email, customer, locale;
  if (placed) {
    auto user = uow.QueryOne(sql::kUserForEmail, {o.user_id});
    if (!user) return;
    order = {o.order_number, o.payment_status, o.payment_method, o.tracking_number.value_or(""), o.totals};
    email = user->Str(0);
    customer = user->Str(1);
    locale = user->Str(2);
  } else {
    auto row = uow.QueryOne(sql::kOrderForEmail, {o.id});
    if (!row) return;
    order = {row->Str(0), row->Str(2), row->Str(3), row->Str(9),
             {row->Int(4), row->Int(5), row->Int(6), row->Int(7), row->Int(8)}};
    email = row->Str(10);
    customer = row->Str(11);
    locale = row->Str(12);
  }
  mail::EmailJob job;
  job.template_name = name;
  job.to = email;
  job.locale = Locale(locale);
  json::object& v = job.vars;
  v["name"] = customer;
  v["order_number"] = order.order_number;
  v["order_url"] = settings_.brand.public_url + "/cuenta/pedidos/" + order.order_number;
  v["total"] = FormatClp(order.totals.total_amount);

  if (placed || name == "order_delivered") {
    json::array items, products;
    auto line = [&](const std::string& product, const std::string& variant, std::int64_t quantity,
                    std::int64_t unit_price, std::int64_t line_total) {
      items.push_back(json::object{{"product", product},
                                   {"variant", variant},
                                   {"quantity", quantity},
                                   {"unit_price", FormatClp(unit_price)},
                                   {"line_total", FormatClp(line_total)}});
    };
    if (placed) {
      for (const auto& item : o.items) {
        line(item.name, item.variant_name.value_or(""), item.quantity, item.unit_price, item.line_total);
      }
    } else {
      // Delivered: the lines with links to review each product once.
      std::vector<std::int64_t> seen;
      for (const db::Row& item : uow.Query(sql::kOrderItems, {o.id})) {
        line(item.Str(1), item.Str(2), item.Int(3), item.Int(4), item.Int(5));
        if (std::find(seen.begin(), seen.end(), item.Int(0)) == seen.end() && !item.IsNull(6)) {
          seen.push_back(item.Int(0));
          products.push_back(json::object{{"product", item.Str(1)},
                                          {"url", settings_.brand.public_url + "/productos/" + item.Str(6)}});
        }
      }
    }
    v["items"] = std::move(items);
    v["products"] = std::move(products);
    v["subtotal"] = FormatClp(order.totals.subtotal);
    v["discount"] = order.totals.discount_amount > 0 ? FormatClp(order.totals.discount_amount) : "";
    v["shipping"] = FormatClp(order.totals.shipping_amount);
    v["tax"] = FormatClp(order.totals.tax_amount);
    v["bank_transfer"] = order.payment_method == "manual";
    v["cash_on_delivery"] = order.payment_method == "cod";
  }
  if (name == "payment_received") v["amount"] = FormatClp(event.amount);
  if (name == "order_refunded") {
    v["amount"] = FormatClp(event.amount);
    v["full"] = order.payment_status == "refunded";
    v["reason"] = event.note.value_or("");
  }
  if (name == "order_shipped") {
    v["tracking_number"] = order.tracking_number;
    v["note"] = event.note.value_or("");
  }
  if (name == "order_cancelled") {
    v["note"] = event.note.value_or("");
    v["paid"] = o.payment_status == "paid";
  }
  Enqueue(uow, std::move(job));
}

void Notifier::LowStock(db::UnitOfWork& uow, const orders::OrderEvent& event) {
  auto item = uow.QueryOne(sql::kLowStockItem, {db::Opt(event.variant_id), event.warehouse_id, event.product_id});
  if (!item) return;
  json::object vars{{"product", item->Str(0)},
                    {"sku", item->Str(1)},
                    {"warehouse", item->Str(2)},
                    {"available", event.available},
                    {"reorder_point", event.reorder_point},
                    {"admin_url", settings_.brand.public_url + "/admin/inventario"}};
  std::vector<std::pair<std::string, std::string>> recipients;  // address, locale
  if (!settings_.staff_alert_email.empty()) {
    recipients.emplace_back(settings_.staff_alert_email, "es");
  } else {
    for (const db::Row& r : uow.Query(sql::kStaffRecipients)) recipients.emplace_back(r.Str(0), Locale(r.Str(1)));
  }
  for (const auto& [to, locale] : recipients) {
    mail::EmailJob job;
    job.template_name = "low_stock";
    job.to = to;
    job.locale = locale;
    job.vars = vars;
    Enqueue(uow, std::move(job));
  }
}

}  // namespace moderno::notifications
