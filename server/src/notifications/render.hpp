#pragma once
// Turns an email job into a message: the template <name>.<locale>.tmpl (Spanish when the locale
// has none) gives the subject, the text part and the HTML part, which goes inside layout.html.
// A template file is:
//   Subject: <one line>
//   --- text
//   <text part>
//   --- html
//   <HTML fragment>
#include <cstdint>
#include <string>

#include <boost/json.hpp>

#include "platform/error.hpp"
#include "platform/mail/email_job.hpp"
#include "platform/mail/mailer.hpp"

namespace moderno::notifications {

// What every message says about the shop.
struct Brand {
  std::string shop_name = "eCommerce Moderno";
  std::string public_url = "http://127.0.0.1:8080";  // links in emails
};

// CLP as shoppers read it: 12990 -> "$12.990".
std::string FormatClp(std::int64_t amount);

// Renders the job's template with its vars (plus shop_name, shop_url, subject, lang).
// An unknown template or a malformed one is kInvalidArgument (a retry would not help).
Result<mail::Message> Render(const mail::EmailJob& job, const Brand& brand);

}  // namespace moderno::notifications
