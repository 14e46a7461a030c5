#include "platform/redis/bus.hpp"

#include "platform/log/log.hpp"

namespace moderno::redis {

Bus::Bus(Client& client, std::string prefix, std::string node_id)
    : client_(client), prefix_(std::move(prefix)), node_id_(std::move(node_id)) {}

Bus::~Bus() { Stop(); }

void Bus::On(const std::string& topic, Handler handler) { handlers_[Channel(topic)].push_back(std::move(handler)); }

void Bus::OnGap(std::function<void()> handler) { on_gap_.push_back(std::move(handler)); }

void Bus::Start() {
  if (listener_ || handlers_.empty()) return;
  listener_ = std::make_unique<Listener>(client_.options(), "bus",
                                         [this](Connection& c, const std::atomic<bool>& stop) { return Session(c, stop); });
}

void Bus::Stop() {
  listener_.reset();
  subscribed_ = false;
}

bool Bus::Publish(const std::string& topic, std::string_view payload) {
  std::string message = node_id_;
  message += '\n';
  message.append(payload);
  auto r = client_.Command({"PUBLISH", Channel(topic), std::move(message)});
  return r.has_value();
}

Result<void> Bus::Session(Connection& c, const std::atomic<bool>& stop) {
  std::vector<std::string> args{"SUBSCRIBE"};
  for (const auto& [channel, _] : handlers_) args.push_back(channel);
  if (auto sent = c.Send(args); !sent) return sent;
  std::size_t confirmed = 0;
  while (!stop) {
    auto r = c.Read(std::chrono::milliseconds(100));
    if (!r) {
      subscribed_ = false;
      return std::unexpected(r.error());
    }
    if (!*r) continue;
    const Reply& m = **r;
    if (m.type != Reply::Type::kArray || m.elements.size() != 3) continue;
    const std::string& kind = m.elements[0].str;
    if (kind == "subscribe" && ++confirmed == handlers_.size()) {
      subscribed_ = true;
      // Notices sent while this node was not listening are lost: whoever cares starts afresh.
      if (ever_subscribed_) {
        log::Info("redis: bus subscribed again; dropping what may have changed meanwhile");
        for (const auto& h : on_gap_) h();
      }
      ever_subscribed_ = true;
      continue;
    }
    if (kind != "message") continue;
    const std::string& data = m.elements[2].str;
    const auto nl = data.find('\n');
    if (nl == std::string::npos || std::string_view(data).substr(0, nl) == node_id_) continue;
    auto it = handlers_.find(m.elements[1].str);
    if (it == handlers_.end()) continue;
    ++received_;
    for (const auto& h : it->second) h(std::string_view(data).substr(nl + 1));
  }
  subscribed_ = false;
  return {};
}

}  // namespace moderno::redis
