#pragma once
// GET /api/v1/events (Server-Sent Events) and POST /api/v1/events/ticket.
#include <chrono>

#include "events/hub.hpp"
#include "events/tickets.hpp"
#include "platform/http/router.hpp"

namespace moderno::events {

struct HttpDeps {
  Hub& hub;
  TicketIssuer& tickets;
  std::chrono::milliseconds keepalive{15000};  // ": keep-alive" comment after this much silence
  // A stream ends after this long (events queued by then are sent first). The client reconnects
  // with Last-Event-ID and a fresh token or ticket, so a signed-out, expired or deactivated
  // account stops receiving within this time.
  std::chrono::seconds max_age{900};
};

void RegisterRoutes(http::Router& router, HttpDeps& deps);

}  // namespace moderno::events
