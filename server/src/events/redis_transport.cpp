#include "events/redis_transport.hpp"

#include <algorithm>
#include <charconv>

#include "platform/log/log.hpp"

namespace moderno::events {

namespace {
constexpr int kBlockMs = 500;

// An entry [id, [field, value, ...]] as an event; nullopt when it is not one of ours.
std::optional<Event> ToEvent(const redis::Reply& entry) {
  if (entry.type != redis::Reply::Type::kArray || entry.elements.size() != 2) return std::nullopt;
  const auto& fields = entry.elements[1].elements;
  Event e;
  e.id = entry.elements[0].str;
  e.staff = false;
  for (std::size_t i = 0; i + 1 < fields.size(); i += 2) {
    const std::string& name = fields[i].str;
    const std::string& value = fields[i + 1].str;
    if (name == "t") {
      e.type = value;
    } else if (name == "d") {
      e.data = value;
    } else if (name == "s") {
      e.staff = value == "1";
    } else if (name == "c" && !value.empty()) {
      std::int64_t id = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), id);
      if (ec == std::errc() && p == value.data() + value.size()) e.customer_id = id;
    }
  }
  if (e.type.empty()) return std::nullopt;
  return e;
}
}  // namespace

RedisTransport::RedisTransport(redis::Client& client, std::string key, std::size_t max_length, std::size_t history)
    : client_(client), key_(std::move(key)), max_length_(std::max<std::size_t>(max_length, 1)), history_(history) {}

RedisTransport::~RedisTransport() { reader_.reset(); }

void RedisTransport::SetReceiver(std::function<void(Event)> receiver) {
  receiver_ = std::move(receiver);
  reader_ = std::make_unique<redis::Listener>(client_.options(), "events",
                                              [this](redis::Connection& c, const std::atomic<bool>& stop) {
                                                return Read(c, stop);
                                              });
}

void RedisTransport::Publish(Event event) {
  auto r = client_.Command({"XADD", key_, "MAXLEN", "~", std::to_string(max_length_), "*", "t", event.type, "c",
                            event.customer_id ? std::to_string(*event.customer_id) : std::string(), "s",
                            event.staff ? "1" : "0", "d", event.data});
  if (r) return;
  // The shop keeps going: this node's clients still hear of it.
  // Said once every 1,000 (the first included), not once per event of an outage.
  if (local_fallbacks_++ % 1000 == 0) {
    log::Warn("events: Redis did not take the event; delivered on this node only",
              {{"type", event.type}, {"error", r.error().internal},
               {"events_so_far", static_cast<long long>(local_fallbacks_.load())}});
  }
  if (receiver_) receiver_(std::move(event));
}

void RedisTransport::DeliverEntries(const redis::Reply& entries) {
  for (const auto& entry : entries.elements) {
    if (entry.type != redis::Reply::Type::kArray || entry.elements.empty()) continue;
    last_id_ = entry.elements[0].str;
    if (auto e = ToEvent(entry); e && receiver_) receiver_(std::move(*e));
  }
}

Result<void> RedisTransport::Read(redis::Connection& c, const std::atomic<bool>& stop) {
  const auto timeout = client_.options().timeout + std::chrono::milliseconds(kBlockMs);
  if (last_id_.empty()) {
    // First connection: the tail of the log, oldest first, so resuming works right away.
    auto tail = c.Call({"XREVRANGE", key_, "+", "-", "COUNT", std::to_string(std::max<std::size_t>(history_, 1))},
                       timeout, &stop);
    if (!tail) return std::unexpected(tail.error());
    if (tail->type == redis::Reply::Type::kError) return Fail(Errc::kUnavailable, "", "XREVRANGE: " + tail->str);
    std::reverse(tail->elements.begin(), tail->elements.end());
    DeliverEntries(*tail);
    if (last_id_.empty()) last_id_ = "0-0";
  }
  while (!stop) {
    auto r = c.Call({"XREAD", "COUNT", "256", "BLOCK", std::to_string(kBlockMs), "STREAMS", key_, last_id_}, timeout,
                    &stop);
    if (!r) return stop ? Result<void>{} : std::unexpected(r.error());
    if (r->type == redis::Reply::Type::kError) return Fail(Errc::kUnavailable, "", "XREAD: " + r->str);
    if (r->type != redis::Reply::Type::kArray) continue;  // nil: nothing new within the block
    for (const auto& stream : r->elements) {
      if (stream.elements.size() == 2) DeliverEntries(stream.elements[1]);
    }
  }
  return {};
}

}  // namespace moderno::events
