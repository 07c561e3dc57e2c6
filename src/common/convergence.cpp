#include "common/convergence.hpp"

#include <algorithm>
#include <cmath>

#include "common/format.hpp"
#include "common/error.hpp"

namespace clp::convergence {

const char* name(Status s) {
  switch (s) {
    case Status::kConverged: return "converged";
    case Status::kStillLearning: return "still-learning";
    case Status::kOscillating: return "oscillating";
    case Status::kStalled: return "stalled";
    case Status::kDiverged: return "diverged";
  }
  return "?";
}

Status parse(const std::string& text, const std::string& where) {
  for (Status s : {Status::kConverged, Status::kStillLearning, Status::kOscillating, Status::kStalled, Status::kDiverged})
    if (text == name(s)) return s;
  throw Error(where + ": status '" + text + "' is not converged, still-learning, oscillating, stalled or diverged");
}

bool loss_diverged(double loss, double start, double factor) {
  // A start of 0 (already fitted) has no scale to compare with: only non-finite values count.
  return !std::isfinite(loss) || (start > 0 && loss > factor * start);
}

bool ode_value_diverged(double K, double s) { return !std::isfinite(K) || std::fabs(K) > kOdeDivergenceFactor * s; }

Watch::Watch(long length, Tolerances tol, double reference) : length_(length), tol_(tol), reference_(reference) {
  const long tail = std::min(length, std::max(kTailMin, static_cast<long>(std::ceil(kTailFraction * length))));
  tail_start_ = length - tail + 1;  // a rise into one of the tail's values, i.e. between two of them
}

bool Watch::observe(double value) {
  const long t = t_++;
  if (v_.status == Status::kDiverged) return false;
  if (t == 0) start_ = value;
  if (t == tail_start_ - 1) tail_first_ = value;
  if (loss_diverged(value, start_, tol_.blow_up)) {
    v_.status = Status::kDiverged;
    v_.step = t;
    return false;
  }
  if (t > 0 && value > prev_ * (1 + tol_.rise_rel) + tol_.rise_abs * scale()) {
    if (v_.first_rise < 0) v_.first_rise = t;
    if (t >= tail_start_ && v_.step < 0) v_.step = t;
  }
  prev_ = value;
  return true;
}

Verdict Watch::verdict() const {
  Verdict v = v_;
  if (t_ == 0 || v.status == Status::kDiverged) return v;
  v.final_ratio = start_ != 0 ? prev_ / start_ : 0;
  if (loss_diverged(prev_, start_, tol_.diverge_end)) {
    v.status = Status::kDiverged;
    v.step = t_ - 1;
  } else if (v.step >= 0) {
    v.status = Status::kOscillating;
  } else if (prev_ <= kFittedFraction * scale()) {
    v.status = Status::kConverged;  // fitted
  } else if (tail_first_ - prev_ > kLearningTolerance * scale()) {
    v.status = Status::kStillLearning;
  } else if (prev_ > kStallFraction * scale()) {
    v.status = Status::kStalled;
  }
  return v;
}

Verdict classify(const std::vector<double>& loss, Tolerances tol, double reference) {
  Watch w(static_cast<long>(loss.size()), tol, reference);
  for (double x : loss)
    if (!w.observe(x)) break;
  return w.verdict();
}

std::string rule_text(Tolerances tol, bool with_reference) {
  const std::string S = with_reference ? "R" : "L_0";
  return "per phase, on its loss L_0 .. L_T (the final iterate included): diverged if some L_t is not finite or > " +
         format_double(tol.blow_up) + " L_0, or L_T > " + format_double(tol.diverge_end) + " L_0; oscillating if in the last " + format_double(kTailFraction * 100) +
         "% of the values (at least " + std::to_string(kTailMin) + ", the first L_a) some L_t > L_{t-1} (1 + " +
         format_double(tol.rise_rel) + ") + " + format_double(tol.rise_abs) + " " + S + "; converged if L_T <= " +
         format_double(kFittedFraction) + " " + S + " (fitted); still-learning if L_a - L_T > " +
         format_double(kLearningTolerance) + " " + S + "; stalled if L_T > " + format_double(kStallFraction) + " " + S +
         "; else converged" + (with_reference ? " (R: the loss of the zero prediction on the phase's data)" : "") +
         " (src/common/convergence.hpp)";
}

}  // namespace clp::convergence
