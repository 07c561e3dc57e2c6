// Collects the final_error.tsv rows of several matrix-completion runs (one run = one
// configuration and one seed) into one figure's final_error.tsv (the SPEC data contract,
// every seed's rows as the runs wrote them) and writes seed_stats.tsv: for every curve
// (the values of the --group columns: one or several, comma-separated) and switch time, the number of seeds, mean, sample sd,
// min, max and the 95% bootstrap interval of the mean of test_error and excess_error.
// The runs must form a complete grid: the seeds given by --seeds for every curve, the same
// switch times for every run (with --per-curve-times: for every run of a curve), no row twice,
// every value finite; otherwise nothing is written.
//
//   mc_collect --out out/data/mc_depth --group depth --seeds 1,2,3 --runs a/final_error.tsv,...
//   mc_collect --out out/data/mc_plasticity --group pattern,init,rank1,depth --runs a/branches.tsv,...
#include <sstream>

#include "common/app.hpp"
#include "common/error.hpp"
#include "stats/collect.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  std::string out, runs, description, seeds, group = "depth";
  bool per_curve_times = false;
  ParamTable t("mc_collect", "Collects matrix-completion runs into a figure's final_error.tsv and seed_stats.tsv.");
  t.add("out", out, "the figure's data directory (replaced as a whole)").role(Role::kOutput).nonempty();
  t.add("runs", runs, "comma-separated final_error.tsv files of the runs").nonempty();
  t.add("seeds", seeds, "comma-separated seeds every curve must have, e.g. 1,2,3,4,5").nonempty();
  t.add("description", description, "what the figure shows");
  t.add("group", group, "the columns that tell the curves apart, comma-separated (seed_stats.tsv has one column for each)").nonempty();
  t.add("per-curve-times", per_curve_times,
        "each curve may have its own switch times (as many as every other curve; e.g. mc_onset's multiples of t*)");
  auto run_files = [&runs] {
    std::vector<std::string> files;
    std::stringstream ss(runs);
    for (std::string path; std::getline(ss, path, ',');) {
      require(!path.empty(), "--runs has an empty file name (two commas, or one at an end)");
      files.push_back(path);
    }
    return files;
  };
  return run_program(argc, argv, t, [&] {
    const std::vector<std::string> files = run_files();
    stats::check_apart(out, files, "--out");
    const auto c = stats::collect_runs(files, stats::parse_seed_list(seeds, "--seeds"), group, description, per_curve_times);
    stats::write_collected(c, t.out_dir());
    const auto n = [](size_t k, const std::string& what) { return std::to_string(k) + " " + what + (k == 1 ? "" : "s"); };
    return "mc_collect " + out + ": " + n(c.sweep.curves.size(), "curve") + " x " + n(c.sweep.seeds.size(), "seed") +
           " x " + n(c.sweep.switches.size(), "switch time");
  }, {}, run_files);  // never write over an input: --out may hold none of the runs (checked before any work)
}
