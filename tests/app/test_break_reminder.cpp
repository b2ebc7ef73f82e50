#include <catch2/catch.hpp>

#include "break_reminder.h"

using tessera::app::BreakReminder;
using namespace std::chrono_literals;

TEST_CASE("The break reminder counts continuous reading only", "[app][care]") {
  int offered = 0, minutes = 0;
  BreakReminder reminder([&](int m) { ++offered, minutes = m; });
  reminder.Configure(true, 50);
  auto now = BreakReminder::Clock::time_point{} + 1h;
  reminder.NoteActivity(now);

  // 49 minutes of reading with activity every 2 minutes: not yet.
  for (int i = 0; i < 98; ++i) {
    now += 30s;
    if (i % 4 == 0) reminder.NoteActivity(now);
    reminder.Tick(now, true);
  }
  CHECK(offered == 0);
  CHECK(reminder.ReadingTime() == 49min);

  // Time with the window in the background does not count.
  for (int i = 0; i < 4; ++i) {
    now += 30s;
    reminder.NoteActivity(now);
    reminder.Tick(now, false);
  }
  CHECK(offered == 0);

  // Two more minutes of reading: offered once, not again.
  for (int i = 0; i < 4; ++i) {
    now += 30s;
    reminder.NoteActivity(now);
    reminder.Tick(now, true);
  }
  CHECK(offered == 1);
  CHECK(minutes == 50);
  now += 30s;
  reminder.Tick(now, true);
  CHECK(offered == 1);

  // "Remind me in 10 minutes".
  reminder.Snooze(10);
  for (int i = 0; i < 20; ++i) {
    now += 30s;
    reminder.NoteActivity(now);
    reminder.Tick(now, true);
  }
  CHECK(offered == 2);

  // A pause of ten minutes is a break: the count starts again.
  now += 11min;
  reminder.Tick(now, true);
  CHECK(reminder.ReadingTime() == 0s);
}

TEST_CASE("A disabled break reminder never offers", "[app][care]") {
  int offered = 0;
  BreakReminder reminder([&](int) { ++offered; });
  reminder.Configure(false, 5);
  auto now = BreakReminder::Clock::time_point{} + 1h;
  for (int i = 0; i < 40; ++i) {
    now += 30s;
    reminder.NoteActivity(now);
    reminder.Tick(now, true);
  }
  CHECK(offered == 0);
}
