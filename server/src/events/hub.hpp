#pragma once
// Live events for Server-Sent Events: a hub that fans published events out to connected
// subscribers, keeps the last ones in a ring for resuming (Last-Event-ID), and bounds memory
// per connection (a subscriber that falls behind is dropped, never buffered without limit).
//
// Multi-node: events travel through a Transport. In-process (LocalTransport), ids are assigned
// by the node that delivers the event to its clients: "<node>-<seq>", with a per-node sequence
// that only grows; an id from another node (or from before a restart, which picks a new node id
// unless one is configured) cannot be placed in the ring, so the node says so (a stream.reset
// event) and replays what it keeps. With a shared log (RedisTransport: a Redis stream every
// node reads), the log's ids ("<ms>-<n>", the same on every node) are the event ids, so a
// client resumes exactly on whichever node it reconnects to.
#include <compare>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace moderno::events {

// An event as published: who may see it and its payload.
struct Event {
  std::string type;                         // the SSE event name, e.g. "order.status_changed"
  std::optional<std::int64_t> customer_id;  // the customer whose order it is; sees it when set
  bool staff = true;                        // part of the staff (admin) feed
  std::string data;                         // a serialised JSON object
  // Its id in a shared log ("<ms>-<n>"), set by a transport with SharedIds(); empty: the hub
  // numbers it.
  std::string id;
};

// A position in a shared log: an id "<ms>-<n>" as two numbers, ordered.
struct LogPosition {
  std::uint64_t ms = 0;
  std::uint64_t n = 0;
  auto operator<=>(const LogPosition&) const = default;
};
// Parses "<ms>-<n>"; nullopt for anything else.
std::optional<LogPosition> ParseLogPosition(std::string_view id);

// Who is listening.
struct Audience {
  std::int64_t user_id = 0;
  bool staff = false;  // manager, admin, super_admin
};

// True when `audience` may see `event`: staff see the staff feed, a customer only events of
// their own orders.
bool CanSee(const Audience& audience, const Event& event);

// Carries published events to every node (this one included).
class Transport {
 public:
  virtual ~Transport() = default;
  // Where events arriving at this node go; set once, before the first Publish.
  virtual void SetReceiver(std::function<void(Event)> receiver) = 0;
  // Sends an event to every node.
  virtual void Publish(Event event) = 0;
  // True when events arrive with ids from a log shared by every node (Event::id).
  virtual bool SharedIds() const { return false; }
};

// The single-node transport: delivers at once, in the publisher's thread.
class LocalTransport : public Transport {
 public:
  void SetReceiver(std::function<void(Event)> receiver) override { receiver_ = std::move(receiver); }
  void Publish(Event event) override {
    if (receiver_) receiver_(std::move(event));
  }

 private:
  std::function<void(Event)> receiver_;
};

struct HubOptions {
  std::string node_id;          // empty: random per process start
  std::size_t ring_size = 1000;  // events kept for resuming
  std::size_t queue_size = 256;  // events waiting per connection before it is dropped
  int max_per_user = 5;          // connections per user (429 beyond)
  int max_total = 1000;          // connections on this node (503 beyond)
};

// One connection's queue of SSE frames.
class Subscriber {
 public:
  Subscriber(Audience audience, std::size_t capacity) : audience_(audience), capacity_(capacity) {}
  // The frames ready now, concatenated ("" when none); nullopt once dropped or closed.
  std::optional<std::string> Take();
  // Called (from any thread) whenever frames arrive; at once when some are already waiting.
  void SetWake(std::function<void()> wake);
  // True when it was dropped for falling behind.
  bool dropped() const;
  const Audience& audience() const { return audience_; }

 private:
  friend class Hub;
  // Queues a frame; false (and the subscriber is dropped) when the queue is full. Replayed
  // frames are not bounded by the queue (the ring bounds them).
  bool Push(std::string frame, bool bounded);
  void Close();
  // Shared-log events up to here were already sent (a resume ahead of this node's log).
  std::optional<LogPosition> after_;  // guarded by the hub's mutex

  const Audience audience_;
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::deque<std::string> frames_;
  std::function<void()> wake_;
  bool dropped_ = false;
  bool closed_ = false;
};

class Hub {
 public:
  Hub(HubOptions options, std::unique_ptr<Transport> transport);
  ~Hub();  // stops the transport first (its reader delivers into the hub)
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // Publishes through the transport (every node, this one included).
  void Publish(Event event);
  // Registers a connection and queues what it missed since `last_event_id` (when given).
  // kResourceExhausted over max_per_user, kUnavailable over max_total.
  Result<std::shared_ptr<Subscriber>> Subscribe(const Audience& audience,
                                                std::optional<std::string_view> last_event_id);
  // Removes a connection (it closed).
  void Unsubscribe(const std::shared_ptr<Subscriber>& subscriber);

  const std::string& node_id() const { return options_.node_id; }
  // Connections registered now.
  std::size_t subscribers() const;
  // Connections dropped for falling behind, since start.
  std::uint64_t dropped() const;
  // The id of the last event delivered on this node ("" before the first).
  std::string last_id() const;

  // An SSE frame: id, event and data lines and the blank line that ends it.
  static std::string Frame(std::string_view id, std::string_view type, std::string_view data);

 private:
  struct Kept {
    std::uint64_t seq = 0;
    Event event;
    std::string frame;
    std::optional<LogPosition> position;  // of a shared-log event
  };
  // An event arriving from the transport: numbered, kept, fanned out.
  void Deliver(Event event);
  // Queues what `sub` missed after `last_event_id` (or a stream.reset and everything kept).
  void Resume(Subscriber& sub, std::string_view last_event_id);
  // Resuming after a shared-log id that is not in the ring; false when it cannot be placed.
  bool ResumeShared(Subscriber& sub, LogPosition after, std::string& reason);
  void Replay(Subscriber& sub, const std::function<bool(const Kept&)>& wanted);
  std::string Id(std::uint64_t seq) const { return options_.node_id + "-" + std::to_string(seq); }

  HubOptions options_;
  std::unique_ptr<Transport> transport_;
  bool shared_ids_ = false;
  mutable std::mutex mu_;
  std::uint64_t seq_ = 0;
  std::deque<Kept> ring_;
  std::vector<std::shared_ptr<Subscriber>> subscribers_;
  std::uint64_t dropped_ = 0;
};

}  // namespace moderno::events
