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
  queue_.Register(mail::kEmailJobKind, [this](jobs::Context& ctx) { return Send(ctx.job()); });
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

  // Current data, read in the transaction that made the change (tracking number, totals, locale).
  const std::int64_t order_id = event.order->id;
  auto row = uow.QueryOne(sql::kOrderForEmail, {order_id});
  if (!row) return;
  mail::EmailJob job;
  job.template_name = name;
  job.to = row->Str(10);
  job.locale = Locale(row->Str(12));
  const std::string order_number = row->Str(0);
  json::object& v = job.vars;
  v["name"] = row->Str(11);
  v["order_number"] = order_number;
  v["order_url"] = settings_.brand.public_url + "/cuenta/pedidos/" + order_number;
  v["total"] = FormatClp(row->Int(8));

  if (name == "order_placed" || name == "order_delivered") {
    json::array items, products;
    std::vector<std::int64_t> seen;
    for (const db::Row& item : uow.Query(sql::kOrderItems, {order_id})) {
      json::object line{{"product", item.Str(1)},
                        {"variant", item.Str(2)},
                        {"quantity", item.Int(3)},
                        {"unit_price", FormatClp(item.Int(4))},
                        {"line_total", FormatClp(item.Int(5))}};
      items.push_back(std::move(line));
      if (std::find(seen.begin(), seen.end(), item.Int(0)) == seen.end() && !item.IsNull(6)) {
        seen.push_back(item.Int(0));
        products.push_back(json::object{{"product", item.Str(1)},
                                        {"url", settings_.brand.public_url + "/productos/" + item.Str(6)}});
      }
    }
    v["items"] = std::move(items);
    v["products"] = std::move(products);
    v["subtotal"] = FormatClp(row->Int(4));
    v["discount"] = row->Int(5) > 0 ? FormatClp(row->Int(5)) : "";
    v["shipping"] = FormatClp(row->Int(6));
    v["tax"] = FormatClp(row->Int(7));
    v["bank_transfer"] = row->Str(3) == "manual";
    v["cash_on_delivery"] = row->Str(3) == "cod";
  }
  if (name == "payment_received") v["amount"] = FormatClp(event.amount);
  if (name == "order_refunded") {
    v["amount"] = FormatClp(event.amount);
    v["full"] = row->Str(2) == "refunded";
    v["reason"] = event.note.value_or("");
  }
  if (name == "order_shipped") {
    v["tracking_number"] = row->Str(9);
    v["note"] = event.note.value_or("");
  }
  if (name == "order_cancelled") {
    v["note"] = event.note.value_or("");
    v["paid"] = event.order->payment_status == "paid";
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
