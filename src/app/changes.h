#pragma once
// Typed change flags and a small wx-free signal: the workspace announces what changed, views
// refresh what they show. A Connection disconnects when destroyed, and stays safe when the signal
// is gone first (child windows outlive the members of their frame).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>

namespace tessera::app {

/// One kind of change.
enum class Change : unsigned {
  Project = 1u << 0,      ///< a project was opened or closed: everything
  Documents = 1u << 1,    ///< documents were added, or their notes or sets changed
  Codebook = 1u << 2,     ///< codes added, renamed, moved, merged, deleted or edited
  Codings = 1u << 3,      ///< codings added, removed or changed
  Memos = 1u << 4,        ///< memos changed
  Variables = 1u << 5,    ///< variables or cases changed
  Coder = 1u << 6,        ///< the acting coder changed
  QuickCodes = 1u << 7,   ///< the quick-code keys were reassigned
  Preferences = 1u << 8,  ///< display preferences changed
};

/// A set of Change flags.
class Changes {
 public:
  constexpr Changes() = default;
  constexpr Changes(Change change)
      : m_bits(static_cast<unsigned>(change)) {}  // NOLINT: implicit on purpose
  constexpr Changes operator|(Changes other) const { return Changes(m_bits | other.m_bits); }
  constexpr bool Has(Change change) const {
    // Project implies everything.
    return (m_bits & (static_cast<unsigned>(change) | static_cast<unsigned>(Change::Project))) != 0;
  }
  constexpr bool Empty() const { return m_bits == 0; }

 private:
  constexpr explicit Changes(unsigned bits) : m_bits(bits) {}
  unsigned m_bits = 0;
};

constexpr Changes operator|(Change a, Change b) { return Changes(a) | Changes(b); }

/// A list of listeners for Changes.
class ChangeSignal {
 public:
  using Listener = std::function<void(Changes)>;

  /// Keeps a listener connected for as long as it lives.
  class Connection {
   public:
    Connection() = default;
    Connection(Connection&&) noexcept = default;
    Connection& operator=(Connection&& other) noexcept {
      Disconnect();
      m_state = std::move(other.m_state);
      m_id = other.m_id;
      return *this;
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() { Disconnect(); }
    /// Stops the listener now.
    void Disconnect();

   private:
    friend class ChangeSignal;
    Connection(std::weak_ptr<std::map<std::uint64_t, Listener>> state, std::uint64_t id)
        : m_state(std::move(state)), m_id(id) {}
    std::weak_ptr<std::map<std::uint64_t, Listener>> m_state;
    std::uint64_t m_id = 0;
  };

  ChangeSignal() : m_listeners(std::make_shared<std::map<std::uint64_t, Listener>>()) {}
  /// Connects `listener`; it is called until the returned Connection is destroyed.
  [[nodiscard]] Connection Connect(Listener listener);
  /// Calls every listener with `changes`.
  void Emit(Changes changes) const;

 private:
  std::shared_ptr<std::map<std::uint64_t, Listener>> m_listeners;
  std::uint64_t m_next = 1;
};

}  // namespace tessera::app
