// The validity contract of every training run: one rule, in one place, for gradient descent
// on the networks (mc_sweep, mc_trace, mc_sv_ode, the two-pathway programs, twopath_lr) and
// for the ODEs (the per-mode ODE of the phase portraits and of Figs 2 and 3, the
// singular-value ODE).
//
// A run is watched through one non-negative sequence per phase, its "loss" L_0, L_1, ...
// (L_t before update t, the last value after the last update: the final iterate is checked
// too). For an ODE that has no loss, the sequence is 0.5 (s - K_a - K_b)^2 of each mode.
//
//  - diverged: some L_t is not finite or above kBlowUpFactor x L_0, or the last one is above
//    kDivergenceFactor x L_0; for an ODE also when a pathway value |K| exceeds
//    kOdeDivergenceFactor x its target s at any step. A program stops there
//    with exit status 2, one line naming the flag to change (the step size), and no file.
//    (twopath_lr, whose question is where divergence begins, records it as a status.)
// The phase's scale S is its reference R, the loss of the zero prediction on the phase's data
// (the scale of its targets), where the program knows it; else L_0 (the ODEs, the two-pathway
// networks: one phase from the initialization, whose L_0 is the scale of the targets). Never
// the phase's own start when R is known: a long first task inflates the start of the second
// phase (its predictions fit the old targets), and a phase that only unlearned task 1 would
// otherwise look like learning.
//  - oscillating: in the tail window (the last kTailFraction of the phase's values, at least
//    kTailMin of them) some value rose over its predecessor: L_t > L_{t-1} + rise_rel L_{t-1}
//    + rise_abs S (Tolerances: rounding of the precision the loss was computed in).
//  - converged (fitted): L_T <= kFittedFraction x S.
//  - still-learning: over the tail window the loss still fell by more than kLearningTolerance
//    of the scale S, L_a - L_T > kLearningTolerance S (L_a the window's first value): the run
//    was stopped while still making progress on the scale of its task, its numbers are not
//    its end state.
//  - stalled: it stopped improving above kStallFraction x S (nothing was learned).
//  - converged: none of these (it stopped improving, at a loss below half the scale).
// The reference matters too for a phase that starts with its data already fitted (a subset
// deficit whose entries already determine the task): its L_0 is the rounding floor, which it
// can neither halve nor keep free of rounding-sized rises.
// Only a converged run is evidence: the figures mark the others and the claims never count
// them (docs/validity.md).
#pragma once
#include <string>
#include <vector>

namespace clp::convergence {

// Ordered from best to worst (a program that reports one status for several runs reports
// the largest).
enum class Status { kConverged, kStillLearning, kOscillating, kStalled, kDiverged };

// "converged", "still-learning", "oscillating", "stalled", "diverged" (the text written into
// data files).
const char* name(Status s);
// The inverse of name(); throws clp::Error naming `where` on any other text.
Status parse(const std::string& text, const std::string& where);

// A phase that ends above this multiple of its starting value has diverged: it did not
// come back, whatever its history. The final iterate is checked against it (a 16-step run at
// lr 20, N 20, depth 3, ended at 1337 x its start; the next step would have been 7.5e18 x).
constexpr double kDivergenceFactor = 100;
// At any step, a loss above this multiple of its start has diverged. Far above
// kDivergenceFactor so that a transient spike a run comes back from does not stop it; every
// blow-up probed jumped from below 1e8 x to beyond 1e18 x in one step (lr 20: 1337 x, then
// 7.5e18 x; lr 10: 6.6e7 x at step 56, then 3.5e40 x), and 1e10 lies in that gap.
constexpr double kBlowUpFactor = 1e10;
// An ODE pathway value |K| above this multiple of its target s has diverged: forward Euler
// that overshoots s by more than s itself is past its stability limit (each further step
// multiplies the error), and a stable run stays within [0, s] up to a small overshoot.
constexpr double kOdeDivergenceFactor = 10;
// The tail window in which a rise means the run still oscillates: the last 10% of the
// phase (a transient rise early in a run that then settles is not an oscillation of the
// result), and at least two values so that even a short run's last update is judged.
constexpr double kTailFraction = 0.1;
constexpr long kTailMin = 2;
// A phase that stopped improving above half its scale S has learned nothing.
constexpr double kStallFraction = 0.5;
// A phase whose loss ends at or below this fraction of its scale S has fitted its data: a
// relative training residual of 1% (sqrt(1e-4)), far below the ~1 x of every stalled run
// (test error ~1) and far above the float floor (~1e-14).
constexpr double kFittedFraction = 1e-4;
// A phase not fitted whose loss still fell by more than this fraction of its scale S over the
// tail window (its last kTailFraction) is still learning: it was still making progress of a
// size that shows on the scale of its task (1% of the zero prediction's loss in a tenth of the
// run), so its end is not its result. Judged against S, not against the loss itself: near its
// floor gradient descent on a linear model loses a fixed fraction of its loss per step (the
// rate of its smallest curvature), so a tolerance relative to the loss itself calls every run
// that converges linearly "learning" however small what is left (docs/validity.md).
constexpr double kLearningTolerance = 1e-2;

// What counts as a rise: L_t > L_{t-1} (1 + rise_rel) + rise_abs S; and divergence: some
// L_t > blow_up L_0, or the last L_T > diverge_end L_0 (only twopath_lr, which maps the edge
// of stability, sets other factors: its --stop-above for both).
struct Tolerances {
  double rise_rel;
  double rise_abs;
  double blow_up = kBlowUpFactor;
  double diverge_end = kDivergenceFactor;
};
// Losses computed in double (the two-pathway network, the ODEs, mc_sweep --precision
// double): rounding is ~1e-16 relative; 1e-12 relative and 1e-9 of the start (twopath_lr's
// rule since it exists) leave a margin of 10^4 and stay far below any real oscillation.
constexpr Tolerances kDoubleTolerances{1e-12, 1e-9};
// Losses from the float kernel: a float sum of n <= 10^4 squared residuals carries a
// relative rounding error of ~sqrt(n) x 6e-8 (up to n x 6e-8 = 6e-4 in the worst case);
// 1e-4 relative and 1e-7 of the start (the float floor of a fitted run is ~1e-14 of it) keep
// rounding out while a period-2 oscillation (the lr 8 probe: 0.00250 and 0.00288 on
// consecutive steps, 15%) is caught by three orders of magnitude.
constexpr Tolerances kFloatTolerances{1e-4, 1e-7};

// L above factor x L0 (L0 > 0), or not finite. At every step: factor kBlowUpFactor; at the
// end of a phase: kDivergenceFactor.
bool loss_diverged(double loss, double start, double factor);
// |K| above kOdeDivergenceFactor x s, or not finite.
bool ode_value_diverged(double K, double s);

// The verdict on one phase's sequence.
struct Verdict {
  Status status = Status::kConverged;
  long step = -1;        // diverged: the first value that did; oscillating: the first tail rise; else -1
  long first_rise = -1;  // the first rise anywhere in the sequence (-1: it fell at every step)
  double final_ratio = 0;  // last value / first value (0 if the first is 0)
};
// reference: the loss of the zero prediction on the phase's data, R (0: not known, as for the
// ODEs; L_0 stands for it as the scale S).
Verdict classify(const std::vector<double>& loss, Tolerances tol, double reference = 0);

// The same verdict online, for runs too long to keep their sequence (the phase portraits'
// 10^6 steps): told the sequence's length in advance (so that it knows the tail window),
// it is fed the values one by one. verdict() after the last value equals classify() on the
// whole sequence (a test checks it).
class Watch {
 public:
  Watch(long length, Tolerances tol, double reference = 0);
  // Feeds the next value; returns false once the sequence has diverged (the caller stops).
  bool observe(double value);
  Verdict verdict() const;

 private:
  double scale() const { return reference_ > 0 ? reference_ : start_; }  // S
  long length_, tail_start_, t_ = 0;
  Tolerances tol_;
  double reference_;
  double start_ = 0, prev_ = 0, tail_first_ = 0;
  Verdict v_;
};

// The rule as one line, for data-file provenance ("# status: ..."); with_reference: the
// program passes a reference to classify().
std::string rule_text(Tolerances tol, bool with_reference = false);

}  // namespace clp::convergence
