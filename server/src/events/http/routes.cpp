#include "events/http/routes.hpp"

#include <boost/json.hpp>

#include "platform/http/problem.hpp"

namespace moderno::events {

namespace {

// One connection's stream: frames from its hub subscription.
class EventStream : public http::StreamSource {
 public:
  EventStream(Hub& hub, std::shared_ptr<Subscriber> sub, std::chrono::milliseconds keepalive,
              std::chrono::seconds max_age)
      : hub_(hub), sub_(std::move(sub)), keepalive_(keepalive), ends_at_(std::chrono::steady_clock::now() + max_age) {}
  ~EventStream() override {
    if (!stopped_) hub_.Unsubscribe(sub_);
  }
  void Start(std::function<void()> wake) override { sub_->SetWake(std::move(wake)); }
  // Called after every write and keep-alive, so an idle stream also ends on time.
  std::optional<std::string> Next() override {
    auto frames = sub_->Take();
    if (frames && frames->empty() && std::chrono::steady_clock::now() >= ends_at_) return std::nullopt;
    return frames;
  }
  void Stop(std::size_t) override {
    stopped_ = true;
    hub_.Unsubscribe(sub_);
  }
  std::string Heartbeat() const override { return ": keep-alive\n\n"; }
  std::chrono::milliseconds HeartbeatInterval() const override { return keepalive_; }

 private:
  Hub& hub_;
  std::shared_ptr<Subscriber> sub_;
  std::chrono::milliseconds keepalive_;
  std::chrono::steady_clock::time_point ends_at_;
  bool stopped_ = false;
};

http::Response Unauthenticated(const http::Request& req, std::string detail) {
  http::Response r = http::Problem(Errc::kUnauthenticated, std::move(detail), req);
  r.Set("WWW-Authenticate", "Bearer");
  return r;
}

}  // namespace

void RegisterRoutes(http::Router& router, HttpDeps& deps) {
  router.Add(
      "POST", "/api/v1/events/ticket",
      [&deps](http::Request& req) {
        const std::string ticket = deps.tickets.Issue(*req.principal);
        return http::JsonResponse(200, boost::json::serialize(boost::json::object{
                                           {"ticket", ticket}, {"expires_in", deps.tickets.ttl().count()}}));
      },
      {.access = http::SignedIn()});

  // Optional auth at the pipeline: a bearer token is checked there; without one, a ticket in
  // the query string (EventSource cannot send headers) is checked here.
  router.Add(
      "GET", "/api/v1/events",
      [&deps](http::Request& req) {
        std::optional<http::Principal> who = req.principal;
        if (!who) {
          auto ticket = req.Query("ticket");
          if (!ticket) return Unauthenticated(req, "The event stream needs a bearer token or a ticket.");
          auto redeemed = deps.tickets.Redeem(*ticket);
          if (!redeemed) return Unauthenticated(req, redeemed.error().detail);
          who = *redeemed;
        }
        auto last = req.Header("last-event-id");
        if (!last) last = req.Query("last_event_id");
        const Audience audience{who->user_id, who->role >= http::Role::kManager};
        auto sub = deps.hub.Subscribe(audience, last);
        if (!sub) {
          http::Response r = http::Problem(sub.error(), req);
          r.Set("Retry-After", "5");
          return r;
        }
        http::Response r;
        r.status = 200;
        r.Set("Content-Type", "text/event-stream; charset=utf-8");
        r.Set("Cache-Control", "no-cache");
        r.Set("X-Accel-Buffering", "no");
        r.stream = std::make_shared<EventStream>(deps.hub, std::move(*sub), deps.keepalive, deps.max_age);
        return r;
      },
      {.access = http::OptionalAuth()});
}

}  // namespace moderno::events
