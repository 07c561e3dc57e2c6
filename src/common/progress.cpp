#include "common/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace clp {

Progress::Progress(std::string label, double total_work, bool quiet)
    : label_(std::move(label)),
      total_(total_work > 0 ? total_work : 1),
      quiet_(quiet),
      tty_(::isatty(2)),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void Progress::report(double done) {
  const auto now = std::chrono::steady_clock::now();
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
  if (quiet_ || !printed_) return;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(stderr, "%s%s  100.0%%  done in %.1f s\n", tty_ ? "\r" : "", label_.c_str(), elapsed);
}

}  // namespace clp
