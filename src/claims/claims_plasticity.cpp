// The claims of the depth-and-plasticity studies (ours, Part C; docs/plasticity.md):
// mc_plasticity (the subset deficit with the observation pattern, the target's rank, the
// initialization and the depth as factors) and mc_permanence (the rise against the length
// of the recovery). Each claim is a question that one of three papers answers in advance:
// Kleinman, Achille, Soatto (ICLR 2024), Shin and Yun (ICLR 2026, arXiv 2603.04703) and
// Bai, Zhao, Zhang (NeurIPS 2024); docs/plasticity.md lists which paper predicts which
// verdict in every cell. The rules were written and committed before any run of these
// studies existed; a FAIL is an answer ("does not hold"), not a bug.
//
// Validity: a run whose rows carry a `status` column counts only if the rows a claim reads say
// `converged` (the evidence rule, check_util.hpp): a claim that reads a point of a run that did
// not converge (still-learning, oscillating, ...) FAILs as not evidence, naming it; claims on
// other cells keep their verdicts.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "claims/check_util.hpp"
#include "common/error.hpp"
#include "stats/seed_stats.hpp"

namespace clp::claims::detail {

namespace {

// The rules, each stated once, before the data.
const double kRisePresent = 0.1;      // "the deficit damages": rise at the longest deficit (as kStudyRise)
const double kDeeperMargin = 0.0;     // one depth's rise minus another's, paired by seed
const double kPatternMargin = 0.0;    // block-diagonal deficit's rise minus the random one's, paired by seed
const double kExtraRank = 0.5;        // "W keeps more singular values than the target's rank":
                                      // threshold rank minus rank1, mean over seeds
const double kShrinkMargin = 0.0;     // rise after the shortest recovery minus after the longest
const double kKeepsFraction = 0.5;    // the longest recovery keeps at least this fraction of the rise

struct Row {
  double error = 0, excess = 0;
  double rank_switch = 0, rank_end = 0;
};

// The columns that tell the curves of a collected branches table apart.
const char* const kStudyGroup = "pattern,init,rank1,depth,mode,recovery";

// A collected branches table: (pattern, init, rank1, depth, mode, recovery) -> the curve's key,
// checked as a complete grid by stats::read_seed_sweep (grouped by kStudyGroup), with every
// row's ranks at hand.
struct Study {
  stats::SeedSweep sweep;
  using Key = std::tuple<std::string, std::string, long, long, std::string, long>;
  std::map<Key, double> cell;
  std::map<std::tuple<double, long, long>, Row> rows;  // (cell, seed, t_switch)

  double at(const Key& k) const {
    const auto it = cell.find(k);
    if (it == cell.end())
      throw Error("final_error.tsv has no curve for pattern " + std::get<0>(k) + ", init " + std::get<1>(k) + ", rank " +
                  std::to_string(std::get<2>(k)) + ", depth " + std::to_string(std::get<3>(k)) + ", mode " +
                  std::get<4>(k) + ", recovery " + std::to_string(std::get<5>(k)) + " (data contract)");
    return it->second;
  }
  std::vector<double> over_seeds(double c, long ts, double Row::*what) const {
    std::vector<double> out;
    for (long seed : sweep.seeds) out.push_back(rows.at({c, seed, ts}).*what);
    return out;
  }
};

Study read_study(const std::filesystem::path& dir) {
  const TsvTable t = read_tsv(dir / "final_error.tsv");
  const std::string file = "final_error.tsv";
  require_columns(t,
                  {"depth", "rank1", "seed", "mode", "pattern", "init", "t_switch", "recovery", "test_error",
                   "excess_error", "rank_switch", "rank_end"},
                  file, {"mode", "pattern", "init"});
  for (const char* key : {"seeds", "curves"})
    if (!t.meta.count(key))
      throw Error(file + " lacks the provenance line '# " + std::string(key) + ": ...' (collect it with mc_collect)");
  Study s;
  s.sweep = stats::read_seed_sweep(t, kStudyGroup, file);
  for (size_t r = 0; r < t.rows.size(); ++r) {
    std::vector<std::string> values;
    for (const auto& col : s.sweep.columns) values.push_back(t.text(r, col));
    const double c = s.sweep.curve(values);
    const Study::Key k{t.text(r, "pattern"), t.text(r, "init"), static_cast<long>(t.number(r, "rank1")),
                       static_cast<long>(t.number(r, "depth")), t.text(r, "mode"),
                       static_cast<long>(t.number(r, "recovery"))};
    s.cell[k] = c;
    s.rows[{c, static_cast<long>(t.number(r, "seed")), static_cast<long>(t.number(r, "t_switch"))}] = {
        t.number(r, "test_error"), t.number(r, "excess_error"), t.number(r, "rank_switch"), t.number(r, "rank_end")};
  }
  return s;
}

std::vector<double> minus(const std::vector<double>& a, const std::vector<double>& b, double scale_b = 1) {
  std::vector<double> d(a.size());
  for (size_t i = 0; i < a.size(); ++i) d[i] = a[i] - scale_b * b[i];
  return d;
}

std::vector<double> plus_constant(std::vector<double> a, double c) {
  for (double& x : a) x += c;
  return a;
}

// Every claim of these studies is about the full sweep (deficits up to 100,000 steps, recoveries
// up to 300,000): QUICK data are checked for completeness, their verdicts SKIP.
// `unconverged`: the runs behind the points the claim reads that did not converge (the
// evidence rule).
ClaimResult claim(const std::string& id, const std::string& text, const std::string& quantity,
                  const std::vector<double>& per_seed, double threshold, const std::string& unconverged) {
  const stats::SeedRule r = stats::interval_above(per_seed, threshold);
  return evidence({id, text, quantity + ": " + r.measured() + " (per seed: " + join(per_seed) + ")", r.rule(), r.pass,
                   true},
                  unconverged);
}

// The points a rise at T reads: its cells at the first switch time (the reference) and at T.
std::string unconverged_rise(const Study& s, const std::vector<double>& cells, long T) {
  return s.sweep.unconverged(cells, {s.sweep.switches.front(), T});
}

std::string seeds_text(const Study& s) { return std::to_string(s.sweep.seeds.size()) + " seeds"; }

// mc_plasticity: per (pattern, rank, init), is the deficit damaging at each depth, which depth is
// damaged more, and does W keep more singular values than the target's rank at the switch and
// at the end; per (rank, init, depth), does the block-diagonal deficit damage more than the random one.
std::vector<ClaimResult> check_plasticity(const std::string& id, const std::filesystem::path& dir) {
  const Study s = read_study(dir);
  const long T = s.sweep.longest();
  // The curves present. The pipeline collects a full factorial grid (mc_collect checks every
  // declared configuration and seed); a reduced run may collect fewer groups: each group of
  // (pattern, rank, init) is checked over the depths it has, and the pattern contrast where
  // both patterns are there.
  std::set<long> recoveries;
  std::map<std::tuple<std::string, long, std::string>, std::set<long>> groups;  // (pattern, rank, init) -> depths
  for (const auto& [k, c] : s.cell) {
    groups[{std::get<0>(k), std::get<2>(k), std::get<1>(k)}].insert(std::get<3>(k));
    recoveries.insert(std::get<5>(k));
  }
  require(recoveries.size() == 1, id + " has one recovery length per run");
  const long recovery = *recoveries.begin();
  auto cell = [&](const std::string& p, const std::string& i, long r, long D) {
    return s.at({p, i, r, D, "subset", recovery});
  };
  const std::string at = "at T_switch " + std::to_string(T);
  std::vector<ClaimResult> out;
  for (const auto& [g, depths] : groups) {
    const auto& [p, r, i] = g;
    const std::string where = p + " deficit pattern, rank " + std::to_string(r) + ", " + i + " init";
    auto rise = [&](long D) { return s.sweep.over_seeds(cell(p, i, r, D), T, &stats::Point::excess_error); };
    for (long D : depths)
      out.push_back(claim(id, "[" + where + "] the deficit damages depth " + std::to_string(D) + " (" + seeds_text(s) + ")",
                          "rise " + at + ", D " + std::to_string(D), rise(D), kRisePresent,
                          unconverged_rise(s, {cell(p, i, r, D)}, T)));
    for (long D : depths) {
      if (!depths.count(D + 1)) continue;
      out.push_back(claim(id,
                          "[" + where + "] depth " + std::to_string(D + 1) + " is damaged more than depth " +
                              std::to_string(D) + " (" + seeds_text(s) + ", paired by seed)",
                          "rise " + at + ", D " + std::to_string(D + 1) + " minus D " + std::to_string(D),
                          minus(rise(D + 1), rise(D)), kDeeperMargin,
                          unconverged_rise(s, {cell(p, i, r, D), cell(p, i, r, D + 1)}, T)));
      out.push_back(claim(id,
                          "[" + where + "] depth " + std::to_string(D) + " is damaged more than depth " +
                              std::to_string(D + 1) + " (" + seeds_text(s) + ", paired by seed)",
                          "rise " + at + ", D " + std::to_string(D) + " minus D " + std::to_string(D + 1),
                          minus(rise(D), rise(D + 1)), kDeeperMargin,
                          unconverged_rise(s, {cell(p, i, r, D), cell(p, i, r, D + 1)}, T)));
    }
    for (long D : depths)
      for (auto [what, member] : {std::pair<const char*, double Row::*>{"at the switch", &Row::rank_switch},
                                  std::pair<const char*, double Row::*>{"at the end", &Row::rank_end}})
        out.push_back(claim(id,
                            "[" + where + "] depth " + std::to_string(D) + ": W keeps more singular values than the "
                            "target's rank " + what + " after the longest deficit (" + seeds_text(s) + ")",
                            "threshold rank minus " + std::to_string(r) + " " + what + ", " + at,
                            plus_constant(s.over_seeds(cell(p, i, r, D), T, member), -static_cast<double>(r)),
                            kExtraRank, s.sweep.unconverged({cell(p, i, r, D)}, {T})));
  }
  for (const auto& [g, depths] : groups) {
    const auto& [p, r, i] = g;
    const auto other = groups.find({"random", r, i});
    if (p != "block" || other == groups.end()) continue;
    for (long D : depths) {
      if (!other->second.count(D)) continue;
      auto rise = [&](const std::string& pat) {
        return s.sweep.over_seeds(cell(pat, i, r, D), T, &stats::Point::excess_error);
      };
      out.push_back(claim(id,
                          "[rank " + std::to_string(r) + ", " + i + " init, depth " + std::to_string(D) +
                              "] a block-diagonal deficit damages more than a random one of the same size (" +
                              seeds_text(s) + ", paired by seed)",
                          "rise " + at + ", block minus random", minus(rise("block"), rise("random")), kPatternMargin,
                          unconverged_rise(s, {cell("block", i, r, D), cell("random", i, r, D)}, T)));
    }
  }
  return out;
}

// mc_plasticity_depth, mc_plasticity_depth_n100: the depth comparison alone, in the cells and
// with the seed counts that docs/plasticity.md fixed before their runs from mc_plasticity's
// spread: per (pattern, rank, init), depth D+1 against depth D, each direction a hypothesis.
std::vector<ClaimResult> check_plasticity_depth(const std::string& id, const std::filesystem::path& dir) {
  const Study s = read_study(dir);
  const long T = s.sweep.longest();
  std::map<std::tuple<std::string, long, std::string>, std::map<long, double>> groups;  // -> depth -> cell
  for (const auto& [k, c] : s.cell) groups[{std::get<0>(k), std::get<2>(k), std::get<1>(k)}][std::get<3>(k)] = c;
  const std::string at = "at T_switch " + std::to_string(T);
  std::vector<ClaimResult> out;
  for (const auto& [g, depths] : groups) {
    const auto& [p, r, i] = g;
    const std::string where = p + " deficit pattern, rank " + std::to_string(r) + ", " + i + " init";
    auto rise = [&](long D) { return s.sweep.over_seeds(depths.at(D), T, &stats::Point::excess_error); };
    for (const auto& [D, c] : depths) {
      if (!depths.count(D + 1)) continue;
      for (const auto& [more, less] : {std::pair<long, long>{D + 1, D}, std::pair<long, long>{D, D + 1}})
        out.push_back(claim(id,
                            "[" + where + "] depth " + std::to_string(more) + " is damaged more than depth " +
                                std::to_string(less) + " (" + seeds_text(s) + ", paired by seed)",
                            "rise " + at + ", D " + std::to_string(more) + " minus D " + std::to_string(less),
                            minus(rise(more), rise(less)), kDeeperMargin,
                            unconverged_rise(s, {depths.at(more), depths.at(less)}, T)));
    }
  }
  require(!out.empty(), id + ": no two consecutive depths to compare");
  return out;
}

// mc_permanence: per setting (task switch, subset deficit) and deficit length, is the rise still
// there after the longest recovery, does longer recovery shrink it, and does it keep at least
// half of it.
std::vector<ClaimResult> check_permanence(const std::string& id, const std::filesystem::path& dir) {
  const Study s = read_study(dir);
  std::map<std::string, std::set<long>> recoveries;  // mode -> recovery lengths
  std::map<std::string, Study::Key> any;
  for (const auto& [k, c] : s.cell) {
    recoveries[std::get<4>(k)].insert(std::get<5>(k));
    any[std::get<4>(k)] = k;
  }
  std::vector<ClaimResult> out;
  for (const auto& [mode, recs] : recoveries) {
    require(recs.size() >= 2, id + ": the " + mode + " setting needs at least two recovery lengths");
    const long shortest = *recs.begin(), longest = *recs.rbegin();
    Study::Key k = any.at(mode);
    auto cell_at = [&](long recovery) {
      std::get<5>(k) = recovery;
      return s.at(k);
    };
    const double c_short = cell_at(shortest), c_long = cell_at(longest);
    const std::string setting = (mode == "switch" ? "task switch" : "subset deficit") + std::string(", depth ") +
                                std::to_string(std::get<3>(k));
    for (long T : s.sweep.switches) {
      if (T == s.sweep.switches.front()) continue;
      const auto r_short = s.sweep.over_seeds(c_short, T, &stats::Point::excess_error);
      const auto r_long = s.sweep.over_seeds(c_long, T, &stats::Point::excess_error);
      const std::string where = "[" + setting + ", T_switch " + std::to_string(T) + "] ";
      const std::string bad_long = unconverged_rise(s, {c_long}, T), bad_both = unconverged_rise(s, {c_short, c_long}, T);
      out.push_back(claim(id, where + "the rise is still present after " + std::to_string(longest) +
                                  " steps of recovery (" + seeds_text(s) + ")",
                          "rise after " + std::to_string(longest) + " steps", r_long, kRisePresent, bad_long));
      out.push_back(claim(id, where + "longer recovery shrinks the rise (" + seeds_text(s) + ", paired by seed)",
                          "rise after " + std::to_string(shortest) + " minus after " + std::to_string(longest) + " steps",
                          minus(r_short, r_long), kShrinkMargin, bad_both));
      out.push_back(claim(id,
                          where + "the longest recovery keeps at least " + number_text(kKeepsFraction) +
                              " of the rise (" + seeds_text(s) + ", paired by seed)",
                          "rise after " + std::to_string(longest) + " minus " + number_text(kKeepsFraction) +
                              " x rise after " + std::to_string(shortest),
                          minus(r_long, r_short, kKeepsFraction), 0.0, bad_both));
    }
  }
  return out;
}

}  // namespace

const CheckerTable& plasticity_checkers() {
  static const CheckerTable table{{"mc_plasticity", check_plasticity},
                                  {"mc_plasticity_depth", check_plasticity_depth},
                                  {"mc_plasticity_depth_n100", check_plasticity_depth},
                                  {"mc_permanence", check_permanence}};
  return table;
}

}  // namespace clp::claims::detail
