#include "break_reminder.h"

#include <algorithm>

namespace tessera::app {

void BreakReminder::Configure(bool enabled, int minutes) {
  m_enabled = enabled;
  m_limit = std::chrono::minutes(std::max(1, minutes));
}

void BreakReminder::NoteActivity(Clock::time_point now) {
  if (m_started && now - m_last_activity >= kBreakAfter) Reset();
  m_last_activity = now;
  if (!m_started) {
    m_started = true;
    m_last_tick = now;
  }
}

void BreakReminder::Tick(Clock::time_point now, bool reading) {
  if (!m_started) {
    m_started = true;
    m_last_tick = now;
    m_last_activity = now;
    return;
  }
  const auto elapsed = now - m_last_tick;
  m_last_tick = now;
  const auto idle = now - m_last_activity;
  if (idle >= kBreakAfter) {
    m_reading = {};
    m_offered = false;
    return;
  }
  if (reading && idle < kIdleAfter) m_reading += elapsed;
  if (m_enabled && !m_offered && m_reading >= m_limit) {
    m_offered = true;
    if (m_offer)
      m_offer(
          static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(m_reading).count()));
  }
}

void BreakReminder::Snooze(int minutes) {
  m_offered = false;
  m_reading = std::max(Clock::duration{},
                       Clock::duration(m_limit) - Clock::duration(std::chrono::minutes(minutes)));
}

void BreakReminder::Reset() {
  m_reading = {};
  m_offered = false;
}

}  // namespace tessera::app
