#pragma once
// The shop's business figures on /metrics (seed 9.3), kept cheap for requests:
//  - counters incremented where things happen, after the commit that made them true (orders by
//    status and payment method with their amounts, revenue, refunds, payment failures; sign-ups
//    and failed sign-ins are counted from the responses of their routes);
//  - gauges refreshed by a periodic task off the I/O threads with a few bounded, indexed
//    queries (job backlog and dead jobs, search index lag, checkout conversion over 24 h,
//    low-stock SKUs, signed-in users active in the last 5 minutes).
// Labels take a few fixed values only: the order statuses and the payment methods offered
// (anything else is "other").
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "inventory/service.hpp"
#include "orders/events.hpp"
#include "platform/error.hpp"
#include "platform/http/auth.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/metrics/active_users.hpp"
#include "platform/metrics/metrics.hpp"
#include "platform/time/time.hpp"
#include "search/engine.hpp"

namespace moderno::app {

struct BusinessMetricsDeps {
  metrics::Registry& registry;
  db::Database& db;
  jobs::Queue& jobs;
  search::Engine& search;
  inventory::Service& inventory;
  time::SystemClock clock;
  std::vector<std::string> payment_methods;  // the codes offered
};

class BusinessMetrics : public orders::OrderEventSink {
 public:
  // Describes every family and lists its expected label sets at 0.
  explicit BusinessMetrics(BusinessMetricsDeps deps);
  // Counts the event after its transaction commits.
  void OnOrderEvent(db::UnitOfWork& uow, const orders::OrderEvent& event) override;
  // Recomputes the gauges (the periodic task; tests call it directly).
  Result<void> Refresh();
  // Fed by the authenticator with every accepted user.
  metrics::ActiveUsers& active_users() { return active_users_; }

 private:
  std::string Method(const std::string& code) const;
  Result<void> RefreshDatabaseFigures();
  BusinessMetricsDeps d_;
  std::set<std::string> methods_;
  metrics::ActiveUsers active_users_;
};

// An authenticator that notes each accepted user for the active-users gauge.
class ActivityAuthenticator : public http::Authenticator {
 public:
  ActivityAuthenticator(http::Authenticator& inner, metrics::ActiveUsers& users) : inner_(inner), users_(users) {}
  Result<http::Principal> Authenticate(std::string_view token) override {
    auto p = inner_.Authenticate(token);
    if (p) users_.Seen(p->user_id);
    return p;
  }

 private:
  http::Authenticator& inner_;
  metrics::ActiveUsers& users_;
};

}  // namespace moderno::app
