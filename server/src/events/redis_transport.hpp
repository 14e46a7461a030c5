#pragma once
// Live events across nodes: every published event is appended to one Redis stream (bounded by
// MAXLEN), and every node reads that stream and delivers what it reads to its own clients, with
// the stream's ids as event ids. So an event published on node A reaches streams on node B, and
// a client resumes with Last-Event-ID on any node. On start a node loads the stream's tail into
// its ring (resume works right after a restart); after Redis was away it reads on from where it
// was. While Redis is down, events are delivered on the publishing node only (said in the log).
#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "events/hub.hpp"
#include "platform/redis/client.hpp"

namespace moderno::events {

class RedisTransport : public Transport {
 public:
  // `key`: the stream; `max_length`: entries Redis keeps (about); `history`: entries loaded on start.
  RedisTransport(redis::Client& client, std::string key, std::size_t max_length, std::size_t history);
  ~RedisTransport() override;
  // Starts reading the stream once the hub has set its receiver.
  void SetReceiver(std::function<void(Event)> receiver) override;
  void Publish(Event event) override;
  bool SharedIds() const override { return true; }
  // The reader is connected to the stream.
  bool reading() const { return reader_ && reader_->connected(); }
  // Events delivered on this node only because Redis did not take them.
  std::uint64_t local_fallbacks() const { return local_fallbacks_; }

 private:
  Result<void> Read(redis::Connection& c, const std::atomic<bool>& stop);
  void DeliverEntries(const redis::Reply& entries);

  redis::Client& client_;
  std::string key_;
  std::size_t max_length_;
  std::size_t history_;
  std::function<void(Event)> receiver_;
  std::string last_id_;  // the reader thread's position ("" before the first read)
  std::atomic<std::uint64_t> local_fallbacks_{0};
  std::unique_ptr<redis::Listener> reader_;  // last: stopped first
};

}  // namespace moderno::events
