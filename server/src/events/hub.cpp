#include "events/hub.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include "platform/crypto/cipher.hpp"
#include "platform/log/log.hpp"

namespace moderno::events {

std::optional<LogPosition> ParseLogPosition(std::string_view id) {
  const auto dash = id.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  LogPosition p;
  auto parse = [](std::string_view s, std::uint64_t& out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && ec == std::errc() && end == s.data() + s.size();
  };
  if (!parse(id.substr(0, dash), p.ms) || !parse(id.substr(dash + 1), p.n)) return std::nullopt;
  return p;
}

bool CanSee(const Audience& audience, const Event& event) {
  if (audience.staff) return event.staff;
  return event.customer_id && *event.customer_id == audience.user_id;
}

std::optional<std::string> Subscriber::Take() {
  std::lock_guard lock(mu_);
  if (dropped_ || closed_) return std::nullopt;
  std::string out;
  for (auto& f : frames_) out += f;
  frames_.clear();
  return out;
}

void Subscriber::SetWake(std::function<void()> wake) {
  std::lock_guard lock(mu_);
  wake_ = std::move(wake);
  if (wake_ && (!frames_.empty() || dropped_)) wake_();
}

bool Subscriber::dropped() const {
  std::lock_guard lock(mu_);
  return dropped_;
}

bool Subscriber::Push(std::string frame, bool bounded) {
  std::lock_guard lock(mu_);
  if (closed_ || dropped_) return !dropped_;
  if (bounded && frames_.size() >= capacity_) {
    // Falling behind: drop the connection (the client reconnects with Last-Event-ID) rather
    // than grow memory.
    dropped_ = true;
    frames_.clear();
  } else {
    frames_.push_back(std::move(frame));
  }
  if (wake_) wake_();
  return !dropped_;
}

void Subscriber::Close() {
  std::lock_guard lock(mu_);
  closed_ = true;
  frames_.clear();
  wake_ = nullptr;
}

Hub::Hub(HubOptions options, std::unique_ptr<Transport> transport)
    : options_(std::move(options)), transport_(std::move(transport)) {
  if (options_.node_id.empty()) options_.node_id = crypto::RandomToken(4);
  // The node id ends at the last '-' of an event id; keep it free of dashes.
  std::ranges::replace(options_.node_id, '-', '_');
  if (options_.ring_size == 0) options_.ring_size = 1;
  if (options_.queue_size == 0) options_.queue_size = 1;
  shared_ids_ = transport_->SharedIds();
  transport_->SetReceiver([this](Event e) { Deliver(std::move(e)); });
}

Hub::~Hub() { transport_.reset(); }

void Hub::Publish(Event event) { transport_->Publish(std::move(event)); }

std::string Hub::Frame(std::string_view id, std::string_view type, std::string_view data) {
  std::string out;
  out.reserve(data.size() + type.size() + id.size() + 32);
  if (!id.empty()) out.append("id: ").append(id).append("\n");
  out.append("event: ").append(type).append("\n");
  // Each line of the data gets its own data: field (serialised JSON has none, but be safe).
  std::size_t start = 0;
  while (true) {
    const auto nl = data.find('\n', start);
    out.append("data: ").append(data.substr(start, nl == std::string_view::npos ? nl : nl - start)).append("\n");
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  out.append("\n");
  return out;
}

void Hub::Deliver(Event event) {
  std::lock_guard lock(mu_);
  const std::uint64_t seq = ++seq_;
  Kept kept{seq, std::move(event), {}, std::nullopt};
  if (!kept.event.id.empty()) kept.position = ParseLogPosition(kept.event.id);
  kept.frame = Frame(kept.event.id.empty() ? Id(seq) : kept.event.id, kept.event.type, kept.event.data);
  for (auto it = subscribers_.begin(); it != subscribers_.end();) {
    const auto& sub = *it;
    // A client that resumed ahead of this node's log already has the events up to there.
    const bool seen = kept.position && sub->after_ && *kept.position <= *sub->after_;
    if (!seen && CanSee(sub->audience(), kept.event) && !sub->Push(kept.frame, true)) {
      ++dropped_;
      log::Warn("events: slow consumer dropped", {{"user_id", static_cast<long long>(sub->audience().user_id)}});
      it = subscribers_.erase(it);
    } else {
      ++it;
    }
  }
  ring_.push_back(std::move(kept));
  while (ring_.size() > options_.ring_size) ring_.pop_front();
}

Result<std::shared_ptr<Subscriber>> Hub::Subscribe(const Audience& audience,
                                                   std::optional<std::string_view> last_event_id) {
  std::lock_guard lock(mu_);
  if (static_cast<int>(subscribers_.size()) >= options_.max_total) {
    return Fail(Errc::kUnavailable, "Too many event streams are open on this server; try again shortly.");
  }
  const auto mine = std::ranges::count_if(subscribers_, [&](const auto& s) {
    return s->audience().user_id == audience.user_id;
  });
  if (mine >= options_.max_per_user) {
    return Fail(Errc::kResourceExhausted, "You have " + std::to_string(mine) +
                                              " event streams open; close one before opening another.");
  }
  auto sub = std::make_shared<Subscriber>(audience, options_.queue_size);
  sub->Push("retry: 3000\n\n", false);
  if (last_event_id) Resume(*sub, *last_event_id);
  subscribers_.push_back(sub);
  return sub;
}

void Hub::Replay(Subscriber& sub, const std::function<bool(const Kept&)>& wanted) {
  for (const auto& k : ring_) {
    if (wanted(k) && CanSee(sub.audience(), k.event)) sub.Push(k.frame, false);
  }
}

void Hub::Resume(Subscriber& sub, std::string_view last_event_id) {
  // The id of an event still kept: everything after it, whichever transport numbered it.
  for (auto it = ring_.rbegin(); it != ring_.rend(); ++it) {
    const std::string id = it->event.id.empty() ? Id(it->seq) : it->event.id;
    if (id != last_event_id) continue;
    const std::uint64_t after = it->seq;
    Replay(sub, [after](const Kept& k) { return k.seq > after; });
    return;
  }
  // Otherwise where the client was: "<node>-<seq>" of this node just before the ring resumes
  // exactly, as does a shared-log id this node can place; anything else is said, then
  // everything kept is replayed.
  std::string reason;
  if (shared_ids_) {
    if (auto pos = ParseLogPosition(last_event_id); pos && ResumeShared(sub, *pos, reason)) return;
    if (reason.empty()) reason = "unknown_id";
  } else {
    const auto dash = last_event_id.rfind('-');
    std::uint64_t seq = 0;
    if (dash == std::string_view::npos || last_event_id.substr(0, dash) != options_.node_id) {
      reason = "other_node";
    } else {
      const auto digits = last_event_id.substr(dash + 1);
      auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seq);
      if (ec != std::errc() || p != digits.data() + digits.size() || seq > seq_) {
        reason = "unknown_id";
      } else if (!ring_.empty() && seq + 1 < ring_.front().seq) {
        reason = "too_old";
      } else {
        Replay(sub, [seq](const Kept& k) { return k.seq > seq; });
        return;
      }
    }
  }
  const std::string oldest =
      ring_.empty() ? std::string("null")
                    : "\"" + (ring_.front().event.id.empty() ? Id(ring_.front().seq) : ring_.front().event.id) + "\"";
  std::string data = "{\"type\":\"stream.reset\",\"reason\":\"" + reason +
                     "\",\"detail\":\"Events after the given Last-Event-ID are no longer kept; "
                     "replaying every event this server keeps.\",\"oldest_kept\":" + oldest + "}";
  sub.Push(Frame("", "stream.reset", data), false);
  Replay(sub, [](const Kept&) { return true; });
}

bool Hub::ResumeShared(Subscriber& sub, LogPosition after, std::string& reason) {
  std::optional<LogPosition> oldest, newest;
  for (const auto& k : ring_) {
    if (!k.position) continue;
    if (!oldest) oldest = k.position;
    newest = k.position;
  }
  if (newest && after <= *newest) {
    if (after < *oldest) {
      reason = "too_old";
      return false;
    }
    Replay(sub, [after](const Kept& k) { return k.position && *k.position > after; });
    return true;
  }
  // Ahead of what this node has read of the log: another node delivered it a moment earlier.
  // The client gets what follows as this node reads it; an id far in the future is refused.
  const auto now_ms = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                     std::chrono::system_clock::now().time_since_epoch())
                                                     .count());
  if (after.ms > now_ms + 5000) return false;
  sub.after_ = after;
  return true;
}

void Hub::Unsubscribe(const std::shared_ptr<Subscriber>& subscriber) {
  subscriber->Close();
  std::lock_guard lock(mu_);
  std::erase(subscribers_, subscriber);
}

std::size_t Hub::subscribers() const {
  std::lock_guard lock(mu_);
  return subscribers_.size();
}

std::uint64_t Hub::dropped() const {
  std::lock_guard lock(mu_);
  return dropped_;
}

std::string Hub::last_id() const {
  std::lock_guard lock(mu_);
  if (ring_.empty()) return "";
  return ring_.back().event.id.empty() ? Id(ring_.back().seq) : ring_.back().event.id;
}

}  // namespace moderno::events
