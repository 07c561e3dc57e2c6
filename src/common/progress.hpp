// Progress of long runs: on stderr, "label  42%  ETA 3.1 s", and to a process-wide hook.
//
// stderr: silent when quiet, and for runs that finish within the first half second (no
// noise on quick runs). On a terminal the line is redrawn in place; otherwise one line per
// 10%.
//
// The hook (set_progress_hook; the Python module installs one) sees every run, quiet or
// not, at most every kHookSeconds and once at the end; returning false stops the run: the
// update() that called it throws Interrupted, which unwinds the training loop like any
// other error. That is how Ctrl-C and a Python progress callback reach a loop that runs
// without the interpreter.
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace clp {

// label (what runs), done and total (units of work, e.g. steps): true to go on.
using ProgressHook = std::function<bool(const std::string& label, double done, double total)>;

// Installs the hook for every Progress constructed afterwards (empty: none). Thread-safe;
// a run in progress keeps the hook it started with.
void set_progress_hook(ProgressHook hook);

// Thrown by Progress::update when the hook returned false.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

class Progress {
 public:
  static constexpr double kHookSeconds = 0.1;  // at most this often to the hook

  Progress(std::string label, double total_work, bool quiet);
  // Reports that `done` of total_work units are finished. Cheap: call it every step (the
  // clock is read only every stride_ calls, a stride adapted to ~kTickSeconds).
  void update(double done) {
    if (++calls_ >= next_tick_) tick(done);
  }
  // Prints the final 100% line (if anything was printed before) and tells the hook.
  void finish();

 private:
  static constexpr double kTickSeconds = 0.01;
  void tick(double done);
  void report(double done, std::chrono::steady_clock::time_point now);
  std::string label_;
  double total_;
  bool quiet_, tty_, printed_ = false;
  long calls_ = 0, next_tick_ = 1, stride_ = 1;
  int last_decile_ = -1;
  std::chrono::steady_clock::time_point start_, last_, last_tick_, last_hook_;
  std::shared_ptr<const ProgressHook> hook_;
};

}  // namespace clp
