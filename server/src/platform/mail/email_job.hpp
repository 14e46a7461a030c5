#pragma once
// The payload of an `email` job: which template to render, in which language, for whom, with
// which variables. Any domain enqueues one in its own transaction (jobs::Enqueue or
// Queue::Enqueue with kEmailJobKind); the notifications domain renders it when the job runs and
// sends it through the configured mailer. Rendering at send time keeps payloads small and
// readable at GET /admin/jobs, and lets a fixed template reach mail still queued.
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "platform/error.hpp"

namespace moderno::mail {

// The job kind.
inline constexpr const char* kEmailJobKind = "email";

struct EmailJob {
  std::string template_name;  // e.g. "order_placed" (server/notifications/templates/<name>.<locale>.tmpl)
  std::string locale = "es";  // "es" or "en"
  std::string to;             // recipient address
  boost::json::object vars;   // template variables (money already formatted)
  // Secret variables (one-time tokens), sealed with the app's cipher so the jobs table never holds
  // them in clear; merged into vars when the job runs.
  std::optional<std::string> sealed_vars;
};

// JSON text of the job payload.
std::string ToPayload(const EmailJob& job);
// Parses a payload; kInvalidArgument when it is not one.
Result<EmailJob> FromPayload(std::string_view payload);

}  // namespace moderno::mail
