#include "common/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <mutex>

namespace clp {

namespace {
std::mutex hook_mutex;
std::shared_ptr<const ProgressHook> current_hook;

std::shared_ptr<const ProgressHook> installed_hook() {
  std::lock_guard<std::mutex> lock(hook_mutex);
  return current_hook;
}
}  // namespace

void set_progress_hook(ProgressHook hook) {
  auto h = hook ? std::make_shared<const ProgressHook>(std::move(hook)) : nullptr;
  std::lock_guard<std::mutex> lock(hook_mutex);
  current_hook = std::move(h);
}

Progress::Progress(std::string label, double total_work, bool quiet)
    : label_(std::move(label)),
      total_(total_work > 0 ? total_work : 1),
      quiet_(quiet),
      tty_(::isatty(2)),
      start_(std::chrono::steady_clock::now()),
      last_(start_),
      last_tick_(start_),
      last_hook_(start_),
      hook_(installed_hook()) {}

void Progress::tick(double done) {
  const auto now = std::chrono::steady_clock::now();
  // Steps of a few nanoseconds (the mode ODE) and of seconds (a huge matrix) both read the
  // clock about every kTickSeconds: the stride doubles while ticks come faster than half
  // of that and halves while they come slower than twice that.
  const double since = std::chrono::duration<double>(now - last_tick_).count();
  if (since < kTickSeconds / 2) stride_ = std::min(stride_ * 2, 1L << 24);
  else if (since > 2 * kTickSeconds) stride_ = std::max(stride_ / 2, 1L);
  last_tick_ = now;
  next_tick_ = calls_ + stride_;
  if (hook_ && std::chrono::duration<double>(now - last_hook_).count() >= kHookSeconds) {
    last_hook_ = now;
    if (!(*hook_)(label_, done, total_)) throw Interrupted();
  }
  if (!quiet_) report(done, now);
}

void Progress::report(double done, std::chrono::steady_clock::time_point now) {
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < 0.5 || std::chrono::duration<double>(now - last_).count() < 0.25) return;
  last_ = now;
  const double frac = done / total_;
  const double eta = frac > 0 ? elapsed * (1 - frac) / frac : 0;
  const int decile = static_cast<int>(frac * 10);
  if (tty_) {
    std::fprintf(stderr, "\r%s  %5.1f%%  ETA %.1f s   ", label_.c_str(), 100 * frac, eta);
  } else if (decile > last_decile_) {
    std::fprintf(stderr, "%s  %5.1f%%  ETA %.1f s\n", label_.c_str(), 100 * frac, eta);
    last_decile_ = decile;
  } else {
    return;
  }
  std::fflush(stderr);
  printed_ = true;
}

void Progress::finish() {
  // The run is complete: the hook's answer no longer matters (its caller sees a pending
  // interruption itself).
  if (hook_) (*hook_)(label_, total_, total_);
  if (quiet_ || !printed_) return;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(stderr, "%s%s  100.0%%  done in %.1f s\n", tty_ ? "\r" : "", label_.c_str(), elapsed);
}

}  // namespace clp
