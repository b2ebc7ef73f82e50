#include "changes.h"

#include <vector>

namespace tessera::app {

void ChangeSignal::Connection::Disconnect() {
  if (auto listeners = m_state.lock()) listeners->erase(m_id);
  m_state.reset();
}

ChangeSignal::Connection ChangeSignal::Connect(Listener listener) {
  const auto id = m_next++;
  (*m_listeners)[id] = std::move(listener);
  return Connection(m_listeners, id);
}

void ChangeSignal::Emit(Changes changes) const {
  if (changes.Empty()) return;
  // A listener may connect or disconnect others while it runs: call a copy of the list, and skip
  // those that were disconnected in the meantime.
  std::vector<std::uint64_t> ids;
  for (const auto& [id, listener] : *m_listeners) ids.push_back(id);
  for (auto id : ids) {
    auto it = m_listeners->find(id);
    if (it == m_listeners->end()) continue;
    Listener copy = it->second;
    copy(changes);
  }
}

}  // namespace tessera::app
