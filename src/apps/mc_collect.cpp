// Collects the final_error.tsv rows of several matrix-completion runs (one run = one
// configuration and one seed) into one figure's final_error.tsv (the SPEC data contract,
// every seed's rows as the runs wrote them) and writes seed_stats.tsv: for every curve
// (value of the --group column) and switch time, the number of seeds, mean, sample sd,
// min, max and the 95% bootstrap interval of the mean of test_error and excess_error.
// The runs must form a complete grid: the seeds given by --seeds for every curve, the same
// switch times for every run, no row twice, every value finite; otherwise nothing is written.
//
//   mc_collect --out out/data/mc_depth --group depth --seeds 1,2,3 --runs a/final_error.tsv,...
#include <sstream>

#include "common/app.hpp"
#include "common/error.hpp"
#include "stats/seed_stats.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  std::string out, runs, description, seeds;
  Cli cli("mc_collect", "Collects matrix-completion runs into a figure's final_error.tsv and seed_stats.tsv.");
  cli.option("out", &out, "the figure's data directory");
  cli.option("runs", &runs, "comma-separated final_error.tsv files of the runs");
  cli.option("seeds", &seeds, "comma-separated seeds every curve must have, e.g. 1,2,3,4,5");
  cli.option("description", &description, "what the figure shows");
  std::string group = "depth";
  cli.option("group", &group, "column that tells the curves apart (seed_stats.tsv keeps its values apart)");
  return run_program(argc, argv, cli, [&] {
    require(!out.empty(), "--out is required: the figure's data directory");
    require(!runs.empty(), "--runs is required: the comma-separated final_error.tsv files of the runs");
    require(!seeds.empty(), "--seeds is required: the seeds every curve must have, e.g. 1,2,3");
    const auto seed_list = stats::parse_seed_list(seeds, "--seeds");
    std::string seed_text;
    for (long s : seed_list) seed_text += (seed_text.empty() ? "" : ",") + std::to_string(s);

    std::vector<TsvTable> tables;
    std::vector<std::string> paths;
    Provenance prov{{"program", "mc_collect"}, {"description", description}};
    std::stringstream ss(runs);
    std::string path;
    while (std::getline(ss, path, ',')) {
      require(!path.empty(), "--runs has an empty file name (two commas, or one at an end)");
      tables.push_back(read_tsv(path));
      paths.push_back(path);
      prov.push_back({"source", path});
    }
    // Whose random draws: every run the same (a figure of ours and the authors' mixed is an error).
    for (size_t i = 0; i < tables.size(); ++i) {
      const auto d = tables[i].meta.find("draws");
      require(d != tables[i].meta.end(), paths[i] + " has no '# draws:' line: rerun it with this mc_sweep");
      require(d->second == tables.front().meta.at("draws"),
              "runs with different draws (" + paths[i] + ": " + d->second + ", " + paths[0] + ": " +
                  tables.front().meta.at("draws") + "): collect runs of one kind");
    }
    // The parameters the runs share (those of the first run, minus what differs), so that
    // the figure can label itself from its data.
    for (const auto& [k, v] : tables.front().meta) {
      if (k == "program" || k == "description" || k == "content" || k == "init_norm") continue;
      bool shared = true;
      for (const auto& t : tables) shared = shared && t.meta.count(k) && t.meta.at(k) == v;
      if (shared) prov.push_back({k, v});
    }
    prov.push_back({"seeds", seed_text});
    prov.push_back({"group", group});

    // Every row of every run, under one header, as the runs wrote them.
    TsvTable merged;
    merged.columns = tables.front().columns;
    merged.meta["seeds"] = seed_text;
    for (size_t i = 0; i < tables.size(); ++i) {
      require(tables[i].columns == merged.columns,
              "runs have different columns (" + paths[i] + " differs from " + paths[0] + "); rerun them with the same mc_sweep");
      merged.rows.insert(merged.rows.end(), tables[i].rows.begin(), tables[i].rows.end());
    }
    const stats::SeedSweep sweep = stats::read_seed_sweep(merged, group, "the collected runs");
    // The curves, so that a checker can tell a whole missing curve from a figure without it.
    prov.push_back({"curves", sweep.curve_list()});

    auto stats_prov = prov;
    stats_prov.push_back({"content", "per curve (" + group + ") and switch time, over seeds: n_seeds, mean, sample sd "
                                     "(n - 1), min, max and the 95% percentile bootstrap interval of the mean (exact "
                                     "for up to 10 seeds) of test_error (_error) and excess_error (_excess)"});
    TsvWriter st(std::filesystem::path(out) / "seed_stats.tsv", stats_prov,
                 {group, "t_switch", "t_index", "n_seeds", "mean_error", "sd_error", "min_error", "max_error",
                  "ci_lo_error", "ci_hi_error", "mean_excess", "sd_excess", "min_excess", "max_excess", "ci_lo_excess",
                  "ci_hi_excess"});
    for (const auto& p : stats::seed_statistics(sweep)) {
      st.row(p.curve, p.t_switch, static_cast<long>(p.t_index), static_cast<long>(p.error.n), p.error.mean,
             p.error.sd, p.error.min, p.error.max, p.error.ci.lo, p.error.ci.hi, p.excess.mean, p.excess.sd,
             p.excess.min, p.excess.max, p.excess.ci.lo, p.excess.ci.hi);
    }
    TsvWriter all(std::filesystem::path(out) / "final_error.tsv", prov, merged.columns);
    for (const auto& row : merged.rows) {
      for (const auto& cell : row) all << cell;
      all.end_row();
    }
    st.commit();
    all.commit();  // last: the make target
    return "mc_collect " + out + ": " + std::to_string(sweep.curves.size()) + " curves x " +
           std::to_string(sweep.seeds.size()) + " seeds x " + std::to_string(sweep.switches.size()) + " switch times";
  });
}
