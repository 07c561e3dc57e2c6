// Progress on stderr for long runs: "label  42%  ETA 3.1 s". Silent when quiet, and
// for runs that finish within the first half second (no noise on quick runs). On a
// terminal the line is redrawn in place; otherwise one line per 10%.
#pragma once
#include <chrono>
#include <string>

namespace clp {

class Progress {
 public:
  Progress(std::string label, double total_work, bool quiet);
  // Reports that `done` of total_work units are finished. Cheap: call it every step.
  void update(double done) {
    if (!quiet_ && ++calls_ % stride_ == 0) report(done);
  }
  // Prints the final 100% line (if anything was printed before).
  void finish();

 private:
  void report(double done);
  std::string label_;
  double total_;
  bool quiet_, tty_, printed_ = false;
  long calls_ = 0, stride_ = 64;
  int last_decile_ = -1;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace clp
