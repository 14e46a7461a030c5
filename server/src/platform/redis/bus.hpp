#pragma once
// Node-to-node notices over Redis pub/sub: a node publishes on a topic ("catalog", "jobs"), and
// every other node's handlers for that topic run (a node ignores its own notices, which it
// already acted on). Pub/sub keeps nothing: a node whose subscription was down may have missed
// notices, so OnGap handlers run when it is back (drop what could be stale).
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/redis/client.hpp"

namespace moderno::redis {

class Bus {
 public:
  using Handler = std::function<void(std::string_view payload)>;
  // Channels are `prefix` + "bus:" + topic; `node_id` tells this node's notices apart.
  Bus(Client& client, std::string prefix, std::string node_id);
  ~Bus();
  // Registers a handler (before Start); it runs on the bus thread, so it must be quick.
  void On(const std::string& topic, Handler handler);
  // Registers what to do after the subscription was down (before Start).
  void OnGap(std::function<void()> handler);
  // Subscribes (a thread with its own connection, reconnecting by itself).
  void Start();
  void Stop();
  // Tells the other nodes; false (nothing sent) while Redis is down.
  bool Publish(const std::string& topic, std::string_view payload);
  // The subscription is live.
  bool subscribed() const { return subscribed_; }
  // Notices received from other nodes since start.
  std::uint64_t received() const { return received_; }

 private:
  Result<void> Session(Connection& c, const std::atomic<bool>& stop);
  std::string Channel(const std::string& topic) const { return prefix_ + "bus:" + topic; }

  Client& client_;
  std::string prefix_;
  std::string node_id_;
  std::map<std::string, std::vector<Handler>> handlers_;  // by channel; fixed after Start
  std::vector<std::function<void()>> on_gap_;
  std::atomic<bool> subscribed_{false};
  std::atomic<std::uint64_t> received_{0};
  bool ever_subscribed_ = false;  // only the listener thread touches it
  std::unique_ptr<Listener> listener_;
};

}  // namespace moderno::redis
