// Statistics over seeds (src/stats): summaries and the exact bootstrap against
// independent computations, the grid check of collected sweeps (a missing, duplicated or
// non-finite row is an error), the seed-distribution claims on synthetic sweeps whose
// answer is known, and seed rows that are byte-identical whether a seed is collected alone
// or with others.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <tuple>

#include "claims/claims.hpp"
#include "common/error.hpp"
#include "common/rng.hpp"
#include "common/tsv.hpp"
#include "stats/collect.hpp"
#include "stats/seed_stats.hpp"
#include "files.hpp"

namespace fs = std::filesystem;
using namespace clp;

namespace {

// The percentile interval by brute force: all n^n index tuples, equally likely.
stats::Interval brute_force_interval(const std::vector<double>& x, double level) {
  const size_t n = x.size();
  size_t total = 1;
  for (size_t i = 0; i < n; ++i) total *= n;
  std::vector<double> means;
  means.reserve(total);
  for (size_t c = 0; c < total; ++c) {
    size_t k = c;
    double s = 0;
    for (size_t i = 0; i < n; ++i) s += x[k % n], k /= n;
    means.push_back(s / n);
  }
  std::sort(means.begin(), means.end());
  const double a = (1 - level) / 2;
  // smallest mean whose cumulative share reaches a (resp. 1 - a)
  auto q = [&](double p) { return means[static_cast<size_t>(std::ceil(p * total - 1e-9)) - 1]; };
  return {q(a), q(1 - a)};
}

using clp::testing::slurp;

fs::path temp_dir(const std::string& name) { return clp::testing::scratch("seeds_" + name); }

// A synthetic mc_depth final_error.tsv: curves D -> per seed, per switch time, the rise.
// error = 0.1 + rise; rise(D, seed, T) = effect(D) * T / T_max + noise(D, seed).
void write_sweep_file(const fs::path& dir, const std::vector<int>& depths, const std::vector<long>& seeds,
                      const std::function<double(int, long, long)>& rise, const std::string& seeds_meta = "") {
  Provenance prov{{"program", "test"}};
  if (!seeds_meta.empty()) prov.push_back({"seeds", seeds_meta});
  std::string curves;
  for (int D : depths) curves += (curves.empty() ? "" : ",") + std::to_string(D);
  prov.push_back({"curves", curves});
  prov.push_back({"switch-times", "0,50000,100000"});
  TsvWriter w(dir / "final_error.tsv", prov,
              {"depth", "rank1", "n", "g", "seed", "t_switch", "test_error", "excess_error", "status"});
  for (int D : depths)
    for (long s : seeds)
      for (long T : {0L, 50000L, 100000L})
        w.row(D, 10, 2000, 0.001, s, T, 0.1 + rise(D, s, T), rise(D, s, T), "converged");
  w.commit();
}

// Deterministic pseudo-noise in [-1, 1] for (depth, seed).
double noise(int D, long seed) {
  Rng r(static_cast<std::uint64_t>(1000 * D + seed));
  return 2 * r.uniform() - 1;
}

// The data rows (no provenance, no header) of a final_error.tsv whose seed column is `seed`.
std::vector<std::string> rows_of_seed(const fs::path& file, long seed) {
  const TsvTable t = read_tsv(file);
  const int c = t.column("seed");
  std::vector<std::string> out;
  std::istringstream in(slurp(file));
  std::string line;
  bool header = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      header = true;
      continue;
    }
    std::istringstream cells(line);
    std::string cell;
    for (int i = 0; i <= c; ++i) std::getline(cells, cell, '\t');
    if (cell == std::to_string(seed)) out.push_back(line);
  }
  return out;
}

int run_program(const std::string& cmd) {
  return clp::testing::run_shell(std::string(CLP_BIN_DIR) + "/" + cmd).status;
}

}  // namespace

TEST(SeedStats, SummaryOfAKnownSample) {
  const auto s = stats::summarize({1, 2, 3, 4, 5});
  EXPECT_EQ(s.n, 5u);
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  EXPECT_NEAR(s.sd, std::sqrt(2.5), 1e-15);
  EXPECT_DOUBLE_EQ(s.min, 1.0);
  EXPECT_DOUBLE_EQ(s.max, 5.0);
  const auto one = stats::summarize({0.7});
  EXPECT_EQ(one.sd, 0.0);
  EXPECT_EQ(one.ci.lo, 0.7);
  EXPECT_EQ(one.ci.hi, 0.7);
}

TEST(SeedStats, BootstrapOfTwoValuesIsTheirRange) {
  // Resampled means: a (1/4), (a+b)/2 (1/2), b (1/4): the 2.5% and 97.5% points are a and b.
  const auto ci = stats::bootstrap_mean_interval({0.9, 0.2});
  EXPECT_EQ(ci.lo, 0.2);
  EXPECT_EQ(ci.hi, 0.9);
}

TEST(SeedStats, ExactBootstrapEqualsBruteForceEnumeration) {
  // Multisets weighted by their multinomial probability against every index tuple.
  Rng rng(7);
  for (size_t n : {3u, 4u, 5u, 6u, 7u}) {
    std::vector<double> x(n);
    for (double& v : x) v = rng.normal();
    for (double level : {0.95, 0.8}) {
      const auto exact = stats::bootstrap_mean_interval(x, level);
      const auto brute = brute_force_interval(x, level);
      EXPECT_NEAR(exact.lo, brute.lo, 1e-12) << "n " << n << " level " << level;
      EXPECT_NEAR(exact.hi, brute.hi, 1e-12) << "n " << n << " level " << level;
    }
  }
}

TEST(SeedStats, MonteCarloBootstrapForLargeSamplesIsDeterministicAndNormal) {
  // Beyond kExactBootstrapMax values: 100,000 resamples from a fixed generator. For 40
  // values the percentile interval is close to mean +- 1.96 sd_plugin / sqrt(n).
  Rng rng(11);
  std::vector<double> x(40);
  for (double& v : x) v = 3 + 2 * rng.normal();
  const auto a = stats::bootstrap_mean_interval(x), b = stats::bootstrap_mean_interval(x);
  EXPECT_EQ(a.lo, b.lo);
  EXPECT_EQ(a.hi, b.hi);
  const auto s = stats::summarize(x);
  const double half = 1.96 * s.sd * std::sqrt((x.size() - 1.0) / x.size()) / std::sqrt(double(x.size()));
  EXPECT_NEAR(a.lo, s.mean - half, 0.1 * half);
  EXPECT_NEAR(a.hi, s.mean + half, 0.1 * half);
}

TEST(SeedStats, NonFiniteOrEmptySamplesAreErrors) {
  EXPECT_THROW(stats::summarize({}), Error);
  EXPECT_THROW(stats::summarize({1.0, NAN}), Error);
  EXPECT_THROW(stats::summarize({1.0, INFINITY}), Error);
}

TEST(SeedStats, RuleOnADifferenceThatIsThereAndOneThatIsNot) {
  // Present: every seed shows it; the interval lies above 0.
  const auto there = stats::interval_above({0.30, 0.25, 0.41, 0.35, 0.28}, 0.0);
  EXPECT_TRUE(there.pass);
  EXPECT_EQ(there.above, 5u);
  EXPECT_NEAR(there.s.mean, 0.318, 1e-12);
  // Absent: symmetric scatter around 0.
  const auto absent = stats::interval_above({0.3, -0.2, 0.1, -0.4, 0.2}, 0.0);
  EXPECT_FALSE(absent.pass);
  EXPECT_LT(absent.s.ci.lo, 0.0);
  EXPECT_GT(absent.s.ci.hi, 0.0);
  // Four seeds show it, one strongly contradicts it: not supported.
  EXPECT_FALSE(stats::interval_above({0.1, 0.1, 0.1, 0.1, -2.0}, 0.0).pass);
  // A threshold: the interval must clear it, not just the mean (0.132 here; 3 of 5 seeds
  // at 0.02, so resamples of those alone, 7.8% of them, fall below).
  const auto mean_only = stats::interval_above({0.02, 0.02, 0.3, 0.02, 0.3}, 0.1);
  EXPECT_GT(mean_only.s.mean, 0.1);
  EXPECT_FALSE(mean_only.pass);
  EXPECT_NE(there.rule().find("5 seeds"), std::string::npos);
}

TEST(SeedStats, DepthClaimsOnSyntheticSweepsWithAKnownAnswer) {
  const std::vector<long> seeds{1, 2, 3, 4, 5};
  // Depth 3 rises by 0.5 more than depth 2 on every seed (noise 0.05): supported.
  const fs::path there = temp_dir("there");
  write_sweep_file(there, {1, 2, 3}, seeds, [](int D, long s, long T) {
    if (D == 1 || T == 0) return 0.0;
    return (D == 2 ? 0.4 : 0.9) * T / 100000.0 + 0.05 * noise(D, s);
  }, "1,2,3,4,5");
  const auto yes = claims::check_figure("mc_depth", there);
  ASSERT_EQ(yes.size(), 5u);  // flat D1; (D2 vs D1, D3 vs D2) x (largest rise, lasting rise)
  for (const auto& r : yes) EXPECT_TRUE(r.pass) << r.claim << " -- " << r.measured;
  // Depth 3 and depth 2 rise alike, seed noise 0.3 each: the depth-3 claims must fail.
  const fs::path absent = temp_dir("absent");
  write_sweep_file(absent, {1, 2, 3}, seeds, [](int D, long s, long T) {
    if (D == 1 || T == 0) return 0.0;
    return 0.6 * T / 100000.0 + 0.3 * noise(D, s);
  }, "1,2,3,4,5");
  const auto no = claims::check_figure("mc_depth", absent);
  ASSERT_EQ(no.size(), 5u);
  EXPECT_TRUE(no[0].pass);   // D = 1 flat
  EXPECT_TRUE(no[1].pass);   // D 2 vs D 1: there
  EXPECT_FALSE(no[3].pass) << no[3].measured;  // D 3 vs D 2, largest rise
  EXPECT_FALSE(no[4].pass) << no[4].measured;  // D 3 vs D 2, at the longest deficit
  fs::remove_all(there);
  fs::remove_all(absent);
}

TEST(SeedStats, MissingDuplicatedOrNonFiniteRowsFailTheClaims) {
  const std::vector<long> seeds{1, 2, 3};
  auto rise = [](int D, long, long T) { return D == 1 ? 0.0 : (D - 1) * 0.5 * T / 100000.0; };
  const fs::path good = temp_dir("good");
  write_sweep_file(good, {1, 2, 3}, seeds, rise, "1,2,3");
  for (const auto& r : claims::check_figure("mc_depth", good)) EXPECT_TRUE(r.pass) << r.claim;
  const std::string text = slurp(good / "final_error.tsv");
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);

  // Removes the data rows whose t_switch (the sixth column) satisfies drop.
  const auto drop_rows_at = [](std::vector<std::string>& v, const std::function<bool(long)>& drop) {
    bool header = false;
    v.erase(std::remove_if(v.begin(), v.end(),
                           [&](const std::string& l) {
                             if (l.empty() || l[0] == '#') return false;
                             if (!header) return !(header = true);
                             std::istringstream cells(l);
                             std::string cell;
                             for (int i = 0; i < 6; ++i) std::getline(cells, cell, '\t');
                             return drop(std::stol(cell));
                           }),
            v.end());
  };
  auto variant = [&](const std::string& name, const std::function<void(std::vector<std::string>&)>& edit) {
    const fs::path d = temp_dir(name);
    auto copy = lines;
    edit(copy);
    std::ofstream out(d / "final_error.tsv");
    for (const auto& l : copy) out << l << "\n";
    return d;
  };
  const std::vector<fs::path> bad{
      variant("no_seeds_provenance", [](auto& v) {
        v.erase(std::remove_if(v.begin(), v.end(), [](const std::string& l) { return l.rfind("# seeds:", 0) == 0; }),
                v.end());
      }),
      variant("last_row_dropped", [](auto& v) { v.pop_back(); }),
      variant("row_duplicated", [](auto& v) { v.push_back(v.back()); }),
      variant("a_switch_time_missing_everywhere", [](auto& v) {  // provenance lists 100000
        v.erase(std::remove_if(v.begin(), v.end(), [](const std::string& l) { return l.find("\t100000\t") != std::string::npos; }),
                v.end());
      }),
      variant("curve_missing", [](auto& v) {  // every row of depth 3 gone; provenance says 1,2,3
        v.erase(std::remove_if(v.begin(), v.end(), [](const std::string& l) { return l.rfind("3\t", 0) == 0; }), v.end());
      }),
      variant("seed_missing_everywhere", [](auto& v) {  // every row of seed 3 gone; provenance says 1,2,3
        v.erase(std::remove_if(v.begin(), v.end(), [](const std::string& l) {
                  return l.find("\t0.001\t3\t") != std::string::npos;
                }),
                v.end());
      }),
      // No rise to judge: T_switch 0 gone, or a single switch time (every row of the others gone).
      // (The provenance is changed to match: these grids are complete, only the rise is missing.)
      variant("no_switch_time_zero", [&](auto& v) {
        drop_rows_at(v, [](long T) { return T == 0; });
        for (auto& l : v)
          if (l.rfind("# switch-times:", 0) == 0) l = "# switch-times: 50000,100000";
      }),
      variant("one_switch_time", [&](auto& v) {
        drop_rows_at(v, [](long T) { return T != 50000; });
        for (auto& l : v)
          if (l.rfind("# switch-times:", 0) == 0) l = "# switch-times: 50000";
      }),
      variant("nan_error", [](auto& v) { v.back().replace(v.back().rfind('\t') + 1, std::string::npos, "nan"); }),
      variant("inf_t_switch", [](auto& v) {
        std::string& l = v.back();
        size_t p = 0;
        for (int i = 0; i < 5; ++i) p = l.find('\t', p) + 1;
        l.replace(p, l.find('\t', p) - p, "inf");
      }),
  };
  for (const auto& d : bad) {
    EXPECT_THROW(claims::check_figure("mc_depth", d), Error) << d;
    const auto rows = claims::check_figure_or_fail("mc_depth", d);
    ASSERT_EQ(rows.size(), 1u) << d;
    EXPECT_FALSE(rows[0].pass) << d;
    fs::remove_all(d);
  }
  EXPECT_FALSE(claims::check_figure_or_fail("mc_depth", good / "nowhere")[0].pass);
  fs::remove_all(good);
}

TEST(SeedStats, ASeedsRowsAreTheSameAloneOrCollectedWithOthers) {
  // Two seeds of one small configuration through the real programs; collected alone and
  // together, each seed's rows are byte for byte the rows its run wrote.
  const fs::path d = temp_dir("collect");
  const std::string common = " --N 20 --n 150 --rank1 3 --rank2 2 --switch-times 0,100,300 --continue-steps 200 --quiet";
  ASSERT_EQ(run_program("mc_sweep --out " + (d / "s1").string() + common), 0);
  ASSERT_EQ(run_program("mc_sweep --out " + (d / "s2").string() + common + " --seed 2"), 0);
  const std::string r1 = (d / "s1" / "final_error.tsv").string(), r2 = (d / "s2" / "final_error.tsv").string();
  ASSERT_EQ(run_program("mc_collect --out " + (d / "one").string() + " --seeds 1 --runs " + r1), 0);
  ASSERT_EQ(run_program("mc_collect --out " + (d / "two").string() + " --seeds 1,2 --runs " + r1 + "," + r2), 0);
  const auto alone1 = rows_of_seed(r1, 1), alone2 = rows_of_seed(r2, 2);
  ASSERT_EQ(alone1.size(), 3u);
  ASSERT_EQ(alone2.size(), 3u);
  EXPECT_EQ(rows_of_seed(d / "one" / "final_error.tsv", 1), alone1);
  EXPECT_EQ(rows_of_seed(d / "two" / "final_error.tsv", 1), alone1);
  EXPECT_EQ(rows_of_seed(d / "two" / "final_error.tsv", 2), alone2);
  EXPECT_NE(alone1[2].substr(alone1[2].find("\t200\t")), alone2[2].substr(alone2[2].find("\t200\t")));
  // seed_stats: two seeds per point, mean between min and max.
  const TsvTable st = read_tsv(d / "two" / "seed_stats.tsv");
  ASSERT_EQ(st.rows.size(), 3u);
  for (size_t r = 0; r < st.rows.size(); ++r) {
    EXPECT_EQ(st.number(r, "n_seeds"), 2);
    EXPECT_LE(st.number(r, "min_error"), st.number(r, "mean_error"));
    EXPECT_LE(st.number(r, "mean_error"), st.number(r, "max_error"));
    EXPECT_EQ(st.number(r, "ci_lo_error"), st.number(r, "min_error"));  // two values: the range
  }
  // A run given twice, or a seed list that does not match the runs: error, no file.
  EXPECT_EQ(run_program("mc_collect --out " + (d / "dup").string() + " --seeds 1,2 --runs " + r1 + "," + r2 + "," + r2), 2);
  EXPECT_EQ(run_program("mc_collect --out " + (d / "miss").string() + " --seeds 1,2,3 --runs " + r1 + "," + r2), 2);
  EXPECT_EQ(run_program("mc_collect --out " + (d / "trail").string() + " --seeds 1,2, --runs " + r1 + "," + r2), 2);
  EXPECT_FALSE(fs::exists(d / "dup" / "final_error.tsv"));
  EXPECT_FALSE(fs::exists(d / "miss" / "final_error.tsv"));
  EXPECT_FALSE(fs::exists(d / "trail" / "final_error.tsv"));
  fs::remove_all(d);
}

// Curves told apart by several columns: every combination of their values is a curve, kept apart
// whatever the values (no packing into one number: depth 10 and rank 100 are curves like any other).
TEST(SeedStats, SeveralGroupColumnsKeepEveryCombinationApart) {
  const fs::path dir = temp_dir("multi");
  TsvWriter w(dir / "final_error.tsv", {{"program", "test"}, {"draws", "ours"}},
              {"pattern", "rank1", "depth", "seed", "t_switch", "test_error", "excess_error", "status"});
  const std::vector<std::tuple<std::string, int, int>> curves{{"block", 100, 10}, {"random", 100, 10}, {"block", 1, 10}};
  for (const auto& [p, r, D] : curves)
    for (long s : {1L, 2L})
      for (long T : {0L, 100L}) {
        const double rise = T == 0 ? 0 : 0.001 * r + 0.1 * (p == "block") + 0.01 * s;
        w.row(p, r, D, s, T, 0.5 + rise, rise, "converged");
      }
  w.commit();
  const TsvTable t = read_tsv(dir / "final_error.tsv");
  const stats::SeedSweep s = stats::read_seed_sweep(t, "pattern,rank1,depth", "f");
  ASSERT_EQ(s.curves.size(), 3u);
  const double key = s.curve({"block", "100", "10"});
  const auto v = s.over_seeds(key, 100, &stats::Point::excess_error);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_NEAR(v[0], 0.1 + 0.1 + 0.01, 1e-12);
  EXPECT_NEAR(s.over_seeds(s.curve({"random", "100", "10"}), 100, &stats::Point::excess_error)[1], 0.1 + 0.02, 1e-12);
  EXPECT_EQ(s.curve_name(key), "pattern block, rank1 100, depth 10");
  EXPECT_THROW(s.curve({"random", "1", "10"}), Error);
  // One column alone merges the curves that differ elsewhere: duplicated rows, an error.
  EXPECT_THROW(stats::read_seed_sweep(t, "depth", "f"), Error);
  try {
    stats::read_seed_sweep(t, "pattern,init", "f");
    ADD_FAILURE() << "a missing group column must be an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("lacks column 'init'"), std::string::npos) << e.what();
  }
  // seed_stats.tsv has one column per group column, the values as the runs wrote them.
  stats::Collected c;
  c.sweep = s;
  c.merged = t;
  c.prov = {{"program", "test"}, {"group", s.group}, {"curves", s.curve_list()}};
  const fs::path fig = dir / "fig";
  fs::create_directories(fig);
  stats::write_collected(c, fig);
  const TsvTable st = read_tsv(fig / "seed_stats.tsv");
  EXPECT_EQ(std::vector<std::string>(st.columns.begin(), st.columns.begin() + 4),
            (std::vector<std::string>{"pattern", "rank1", "depth", "t_switch"}));
  ASSERT_EQ(st.rows.size(), 6u);
  EXPECT_EQ(st.text(2, "pattern") + " " + st.text(2, "rank1") + " " + st.text(2, "depth"), "block 100 10");
  EXPECT_EQ(s.curve_list(), "block/1/10,block/100/10,random/100/10");
  // The collected file reads back with its declared curves.
  EXPECT_NO_THROW(stats::read_seed_sweep(read_tsv(fig / "final_error.tsv"), "pattern,rank1,depth", "collected"));
}
