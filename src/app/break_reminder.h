#pragma once
// The gentle break reminder: counts continuous reading (a transcript open, the window active, the
// reader doing something at least every few minutes) and, after the chosen time, asks the frame
// to show a non-modal note. A pause of ten minutes or more counts as a break. No wx here: the
// frame feeds it the clock, so tests can too.

#include <chrono>
#include <functional>

namespace tessera::app {

/// Decides when to offer a break.
class BreakReminder {
 public:
  using Clock = std::chrono::steady_clock;

  /// Inactivity after which the reader is taken to be away (not reading).
  static constexpr std::chrono::minutes kIdleAfter{5};
  /// A pause this long resets the count: that was a break.
  static constexpr std::chrono::minutes kBreakAfter{10};

  /// `offer` is called with the minutes read when it is time.
  explicit BreakReminder(std::function<void(int minutes)> offer) : m_offer(std::move(offer)) {}

  /// Turns the reminder on or off and sets the minutes of reading before it.
  void Configure(bool enabled, int minutes);
  /// The reader did something (scrolled, selected, coded).
  void NoteActivity(Clock::time_point now);
  /// Called regularly (every 30 s); `reading` when a transcript is open and the window active.
  void Tick(Clock::time_point now, bool reading);
  /// "Remind me later": offer again after `minutes` more of reading.
  void Snooze(int minutes);
  /// The reader took the break (or dismissed the note): start counting afresh.
  void Reset();
  /// Continuous reading counted so far.
  std::chrono::seconds ReadingTime() const {
    return std::chrono::duration_cast<std::chrono::seconds>(m_reading);
  }

 private:
  std::function<void(int)> m_offer;
  bool m_enabled = true;
  std::chrono::minutes m_limit{50};
  Clock::duration m_reading{};
  Clock::time_point m_last_tick{};
  Clock::time_point m_last_activity{};
  bool m_started = false;
  bool m_offered = false;
};

}  // namespace tessera::app
