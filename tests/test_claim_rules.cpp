// The claim rules (claims/rules.hpp) and the checkers that test_claims.cpp does not run on
// real program output: each on a synthetic figure that has the claimed effect (PASS) and on
// one without it (FAIL), so that a checker that always passes or always fails is caught.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <map>

#include "claims/claims.hpp"
#include "claims/rules.hpp"
#include "common/error.hpp"
#include "common/tsv.hpp"
#include "stats/seed_stats.hpp"
#include "files.hpp"

namespace fs = std::filesystem;
using namespace clp::claims;

namespace {

fs::path fresh(const std::string& name) { return clp::testing::scratch("rules_" + name, false); }

// A collected sweep: curves (values of `group`) x seeds 1..3 x T_switch 0, 50000, 100000;
// the rise error(T) - error(0) of a curve and seed is rise(curve, seed, T).
using Rise = std::function<double(double curve, long seed, long t)>;
void write_sweep(const fs::path& dir, const std::string& group, const std::vector<double>& curves, const Rise& rise) {
  std::string list;
  for (double c : curves) list += (list.empty() ? "" : ",") + clp::stats::curve_key(c);
  clp::TsvWriter w(dir / "final_error.tsv", {{"program", "test"}, {"seeds", "1,2,3"}, {"curves", list}},
                   {"depth", "rank1", "n", "g", "shared", "seed", "mode", "t_switch", "test_error", "excess_error",
                    "status"});
  for (double c : curves)
    for (long s : {1L, 2L, 3L})
      for (long t : {0L, 50000L, 100000L}) {
        std::map<std::string, double> cols{{"depth", 3}, {"rank1", 10}, {"n", 2000}, {"g", 0.001}, {"shared", 0}};
        cols[group] = c;
        const double r = t == 0 ? 0 : rise(c, s, t);
        w.row(cols["depth"], cols["rank1"], cols["n"], cols["g"], cols["shared"], s, "switch", t, 0.1 + r, r,
              "converged");
      }
  w.commit();
}

bool all_pass(const std::vector<ClaimResult>& rows) {
  if (rows.empty()) return false;
  for (const auto& r : rows)
    if (!r.pass) return false;
  return true;
}

// A small per-seed wobble, so that the seed rules see a spread.
double wobble(long seed) { return 0.01 * static_cast<double>(seed - 2); }

}  // namespace

TEST(Rules, BoundsAndBandsPrintTheirThresholdAndDecideAtTheEdge) {
  EXPECT_EQ(at_most(0.03).text(), "<= 0.03");
  EXPECT_EQ(less_than(1e-6).text(), "< 1e-06");
  EXPECT_EQ(greater_than(0.9).text(), "> 0.9");
  EXPECT_EQ(at_least(1).text(), ">= 1");
  EXPECT_TRUE(at_most(0.03).holds(0.03));
  EXPECT_FALSE(less_than(0.03).holds(0.03));
  EXPECT_TRUE(at_least(1).holds(1));
  EXPECT_FALSE(greater_than(1).holds(1));
  EXPECT_FALSE(greater_than(0.5).holds(NAN));  // a nan never passes
  EXPECT_FALSE(at_most(0.5).holds(NAN));
  const Band b{0.44, 0.56};
  EXPECT_EQ(b.text(), "in [0.44, 0.56]");
  EXPECT_TRUE(b.holds(0.44) && b.holds(0.56) && b.holds(0.5));
  EXPECT_FALSE(b.holds(0.4399) || b.holds(0.5601) || b.holds(NAN));
}

TEST(Rules, RankDependence) {
  const fs::path d = fresh("rank");
  write_sweep(d, "rank1", {2, 15}, [](double r, long s, long t) { return (r > 5 ? 0.5 : 0.05) * t / 1e5 + wobble(s); });
  EXPECT_TRUE(all_pass(check_figure("mc_rank", d)));
  write_sweep(d, "rank1", {2, 15}, [](double r, long s, long t) { return (r > 5 ? 0.05 : 0.5) * t / 1e5 + wobble(s); });
  EXPECT_FALSE(all_pass(check_figure("mc_rank", d)));
  fs::remove_all(d);
}

TEST(Rules, ObservationDependence) {
  for (const char* id : {"mc_nobs", "mc_subset_nobs"}) {
    const fs::path d = fresh(id);
    write_sweep(d, "n", {1000, 4000}, [](double n, long s, long t) { return (n < 2000 ? 0.6 : 0.1) * t / 1e5 + wobble(s); });
    EXPECT_TRUE(all_pass(check_figure(id, d))) << id;
    // The same rise for every n: no dependence.
    write_sweep(d, "n", {1000, 4000}, [](double, long s, long t) { return 0.3 * t / 1e5 + wobble(s); });
    EXPECT_FALSE(all_pass(check_figure(id, d))) << id;
    fs::remove_all(d);
  }
}

TEST(Rules, EverySeed) {
  const fs::path d = fresh("seeds");
  write_sweep(d, "depth", {3}, [](double, long s, long t) { return 0.4 * t / 1e5 + wobble(s); });
  EXPECT_TRUE(all_pass(check_figure("mc_seeds", d)));
  // Seed 3 shows no critical period: the claim is about every seed.
  write_sweep(d, "depth", {3}, [](double, long s, long t) { return s == 3 ? 0.0 : 0.4 * t / 1e5; });
  EXPECT_FALSE(all_pass(check_figure("mc_seeds", d)));
  fs::remove_all(d);
}

TEST(Rules, InitializationScale) {
  const fs::path d = fresh("init");
  write_sweep(d, "g", {0.0001, 0.1}, [](double g, long s, long t) { return (g < 0.01 ? 0.8 : 0.2) * t / 1e5 + wobble(s); });
  const auto pass = check_figure("mc_init", d);
  EXPECT_TRUE(all_pass(pass));
  EXPECT_TRUE(pass.at(0).needs_full_sweep);
  write_sweep(d, "g", {0.0001, 0.1}, [](double g, long s, long t) { return (g < 0.01 ? 0.2 : 0.8) * t / 1e5 + wobble(s); });
  EXPECT_FALSE(all_pass(check_figure("mc_init", d)));
  fs::remove_all(d);
}

TEST(Rules, TransferOverlap) {
  const fs::path d = fresh("overlap");
  // k = 0: the error grows by 0.6 with T; k = 5: it stays low.
  write_sweep(d, "shared", {0, 5}, [](double k, long s, long t) { return (k == 0 ? 0.6 : 0.0) * t / 1e5 + wobble(s); });
  EXPECT_TRUE(all_pass(check_figure("mc_transfer_overlap", d)));
  // Sharing makes no difference: both claims fail.
  write_sweep(d, "shared", {0, 5}, [](double, long s, long t) { return 0.02 * t / 1e5 + wobble(s); });
  const auto rows = check_figure("mc_transfer_overlap", d);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_FALSE(rows[0].pass);
  EXPECT_FALSE(rows[1].pass);
  fs::remove_all(d);
}

TEST(Rules, OdeTrackingAndItsProvenance) {
  const fs::path d = fresh("ode");
  auto write = [&](double rel_gap, bool with_task2) {
    clp::Provenance prov{{"n", "500"}, {"totals", "100,200"}, {"sv-count", "2"}, {"record-every", "10"}};
    if (with_task2) prov.push_back({"task2-steps", "50"});
    clp::TsvWriter w(d / "singular_values.tsv", prov,
                     {"n", "total_steps", "step", "index", "sv_gd", "sv_ode", "status"});
    for (long total : {100L, 200L})
      for (int i = 1; i <= 2; ++i)
        for (long st = 0; st <= total; st += 10) {
          const double sv = (3.0 - i) * st / total;
          w.row(500, total, st, i, sv, sv * (1 + rel_gap), "converged");
        }
    w.commit();
  };
  for (const char* id : {"mc_ode_vs_gd", "mc_ode_transfer"}) {
    write(0.01, true);
    EXPECT_TRUE(all_pass(check_figure(id, d))) << id;
    write(0.2, true);
    EXPECT_FALSE(all_pass(check_figure(id, d))) << id;
    // Without the provenance the check needs, an error (a FAIL row), not a default.
    write(0.01, false);
    EXPECT_THROW(check_figure(id, d), clp::Error) << id;
    const auto failed = check_figure_or_fail(id, d);
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_FALSE(failed[0].pass);
    EXPECT_NE(failed[0].measured.find("task2-steps"), std::string::npos) << failed[0].measured;
  }
  fs::remove_all(d);
}
