// Statistics over random draws (seeds) of the matrix-completion experiments.
//
// Every matrix-completion curve is a sample of a few seeds. Claims about it are rules on
// that sample, stated before looking (docs/seeds.md): a
// per-seed quantity (e.g. the rise of depth 3 minus the rise of depth 2, paired by seed)
// and the 95% bootstrap interval of its mean. This file holds the numbers behind those
// rules and behind every band in the figures:
//  - summarize(): n, mean, sample sd, min, max and the bootstrap interval of a sample;
//  - bootstrap_mean_interval(): the percentile bootstrap interval of the mean, exact
//    (every resample, weighted) for up to kExactBootstrapMax values, so the same data give
//    the same interval with no random numbers at all;
//  - SeedSweep: a collected sweep (rows of final_error.tsv), checked to be a complete
//    grid: every curve has the same seeds, every (curve, seed) the same switch times, each
//    exactly once, all values finite. Anything else is an error, never a silent average.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "common/tsv.hpp"

namespace clp::stats {

// Samples up to this size get the exact bootstrap distribution (C(2n-1, n) distinct
// resamples: 126 for 5 seeds, 92,378 for 10); larger ones 100,000 Monte Carlo resamples
// from a fixed generator (deterministic as well).
constexpr std::size_t kExactBootstrapMax = 10;
constexpr int kMonteCarloResamples = 100000;

struct Interval {
  double lo = 0, hi = 0;
};

// Percentile bootstrap interval of the mean at confidence `level` (0.95: the 2.5% and 97.5%
// points of the distribution of the resampled mean; lo = the smallest resampled mean whose
// cumulative probability reaches 2.5%, hi likewise for 97.5%). For one value it is that
// value; for two values it is [min, max]. x must be non-empty and finite.
Interval bootstrap_mean_interval(const std::vector<double>& x, double level = 0.95);

struct Summary {
  std::size_t n = 0;
  double mean = 0;
  double sd = 0;  // sample standard deviation (denominator n - 1); 0 for a single value
  double min = 0, max = 0;
  Interval ci;    // 95% bootstrap interval of the mean
};
Summary summarize(const std::vector<double>& x);  // throws clp::Error if x is empty or not finite

// A rule on a per-seed quantity: the claim holds if the 95% bootstrap interval of its
// mean lies above `threshold` (every value of the interval, not just the mean).
struct SeedRule {
  Summary s;
  double threshold = 0;
  std::size_t above = 0;  // how many seeds are above the threshold on their own
  bool pass = false;
  // "mean 0.67, 95% CI [0.40, 0.95], 5 of 5 seeds > 0.02 (per seed: 0.41, ...)"
  std::string measured() const;
  // "95% bootstrap CI of the mean over 5 seeds > 0.02"
  std::string rule() const;
};
SeedRule interval_above(const std::vector<double>& per_seed, double threshold);

// One point of a curve: the final test error and its rise over the smallest switch time.
struct Point {
  double test_error = 0, excess_error = 0;
  // The run's status (common/convergence.hpp) at this switch time; "converged" when the data
  // carry no status column (SeedSweep::has_status says which).
  std::string status = "converged";
  bool converged() const { return status == "converged"; }
};

// A sweep collected over seeds: curve -> seed -> t_switch -> point. The curves are told apart
// by one or several columns (`columns`, e.g. depth; or pattern, init, rank1, depth). With one
// column a curve's key is that column's value; with several it is the curve's position among
// `labels` (the curves' values, in that order), found by curve().
struct SeedSweep {
  std::string group;                        // the columns, comma-separated ("depth", "pattern,depth")
  std::vector<std::string> columns;         // the same, one per element
  std::vector<std::vector<std::string>> labels;  // several columns: each curve's values, by key
  std::vector<long> seeds;     // sorted; the same for every curve
  std::vector<long> switches;  // sorted; the same for every (curve, seed) (per_curve_times: the first curve's)
  // Read with per_curve_times: each curve's own switch times (the same number for every curve).
  std::map<double, std::vector<long>> curve_switches;
  std::map<double, std::map<long, std::map<long, Point>>> curves;
  bool has_status = false;     // the rows carry a status column

  // "lr 12.8 seed 3 T_switch 100000: oscillating; ..." for the points of these curves (at these
  // switch times; every one if `times` is empty) whose run did not converge ("" if all did).
  std::string unconverged(const std::vector<double>& curves, const std::vector<long>& times = {}) const;
  // How many seeds converged at one curve and switch time.
  long converged_seeds(double curve, long t_switch) const;

  // The values of one quantity over seeds (in seed order) at one curve and switch time.
  std::vector<double> over_seeds(double curve, long t_switch, double Point::*what) const;
  long longest() const { return switches.back(); }
  // The switch times of one curve: its own (per_curve_times), else the sweep's.
  const std::vector<long>& times_of(double curve) const;
  // The curves as the provenance lists them: "1,2,3" (values of the group column, %g); with
  // several columns each curve's values joined by '/' ("block/gaussian/1/2,...").
  std::string curve_list() const;
  // The key of the curve whose columns hold these values (in the order of `columns`);
  // throws clp::Error naming the columns and values when there is none.
  double curve(const std::vector<std::string>& values) const;
  // "depth 3", or "pattern block, init gaussian, rank1 1, depth 2" (messages).
  std::string curve_name(double key) const;
  // One curve's values as the data write them (a single column: %g of the key).
  std::vector<std::string> curve_values(double key) const;
};

// A curve's value as the provenance and the messages write it (%g).
std::string curve_key(double curve);

// Splits "pattern,init,depth" into its columns; throws clp::Error on an empty name or a repeat.
std::vector<std::string> group_columns(const std::string& group);

// Reads the rows of a final_error.tsv (the group's columns, seed, t_switch, test_error,
// excess_error, and status if present: converged, still-learning, oscillating, stalled or diverged) and
// checks the grid. If the provenance lists the seeds (`# seeds: 1,2,3`),
// every curve must have exactly those; if it lists the curves of the same group (`# group:`
// and `# curves: 1,2,3`, as curve_list() writes them), exactly those curves must be there.
// `file` names the data in error messages. per_curve_times: each curve may have its own switch
// times (the seeds of a curve share them, and every curve has as many; mc_onset, whose switch
// times are multiples of each configuration's own time scale); the provenance's switch-times
// is then not checked.
SeedSweep read_seed_sweep(const TsvTable& t, const std::string& group, const std::string& file,
                          bool per_curve_times = false);

// Statistics of every (curve, switch time) over seeds, for seed_stats.tsv.
struct PointStats {
  double curve;
  long t_switch;
  std::size_t t_index;  // position of t_switch among the sweep's switch times
  Summary error, excess;
  long converged = 0;  // seeds whose run converged at this point (all of them without a status column)
};
std::vector<PointStats> seed_statistics(const SeedSweep& s);

// "1,2,3" -> {1, 2, 3}; throws clp::Error naming `what` on anything else.
std::vector<long> parse_seed_list(const std::string& text, const std::string& what);

}  // namespace clp::stats
