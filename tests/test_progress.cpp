// The progress hook (common/progress.hpp): it sees every run, quiet or not, at most every
// Progress::kHookSeconds and once at the end; returning false stops the run (Interrupted).
// The Python module's Ctrl-C and progress callbacks rest on these three properties.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/progress.hpp"

namespace clp {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct NoHookAfterwards {
  ~NoHookAfterwards() { set_progress_hook({}); }
};

TEST(ProgressHook, SeesAQuietRunAtMostEveryTenthOfASecondAndAtTheEnd) {
  NoHookAfterwards guard;
  std::vector<std::pair<double, Clock::time_point>> calls;
  set_progress_hook([&](const std::string& label, double done, double total) {
    EXPECT_EQ(label, "work");
    EXPECT_EQ(total, 1000.0);
    calls.emplace_back(done, Clock::now());
    return true;
  });
  Progress p("work", 1000, /*quiet=*/true);
  for (int i = 1; i <= 1000; ++i) {  // at least 0.5 s of "steps"
    std::this_thread::sleep_for(std::chrono::microseconds(500));
    p.update(i);
  }
  p.finish();
  ASSERT_GE(calls.size(), 3u);
  EXPECT_EQ(calls.back().first, 1000.0);  // finish() reports the end
  for (size_t k = 1; k + 1 < calls.size(); ++k) {
    EXPECT_GE(std::chrono::duration<double>(calls[k].second - calls[k - 1].second).count(), Progress::kHookSeconds);
    EXPECT_GT(calls[k].first, calls[k - 1].first);
  }
}

TEST(ProgressHook, FalseStopsTheRunWithinAFractionOfASecond) {
  NoHookAfterwards guard;
  set_progress_hook([](const std::string&, double, double) { return false; });
  Progress p("work", 1e12, true);
  const auto start = Clock::now();
  double i = 0;
  // Steps of a few nanoseconds: the stride grows, the clock is still read every ~10 ms.
  EXPECT_THROW(
      while (true) p.update(++i), Interrupted);
  EXPECT_LT(seconds_since(start), 0.5);
  EXPECT_GT(i, 1);
}

TEST(ProgressHook, ARunKeepsTheHookItStartedWith) {
  NoHookAfterwards guard;
  int calls = 0;
  set_progress_hook([&](const std::string&, double, double) { return ++calls, true; });
  Progress with("with", 1, true);
  set_progress_hook({});
  Progress without("without", 1, true);
  with.finish();
  without.finish();
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace clp
