// Collects the final_error.tsv rows of several matrix-completion runs into one figure's
// final_error.tsv (the SPEC data contract) and writes seed_stats.tsv: mean, min and max
// of test_error and excess_error over the runs (seeds) at every switch time and value of
// the --group column (depth by default).
//
//   mc_collect --out out/data/mc_seeds --runs out/data/runs/a/final_error.tsv,...
#include <map>
#include <sstream>

#include "common/app.hpp"
#include "common/error.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  std::string out, runs, description;
  Cli cli("mc_collect", "Collects matrix-completion runs into a figure's final_error.tsv and seed_stats.tsv.");
  cli.option("out", &out, "the figure's data directory");
  cli.option("runs", &runs, "comma-separated final_error.tsv files of the runs");
  cli.option("description", &description, "what the figure shows");
  std::string group = "depth";
  cli.option("group", &group, "column whose values seed_stats.tsv keeps apart (with t_switch)");
  return run_program(argc, argv, cli, [&] {
    require(!out.empty() && !runs.empty(), "--out and --runs are required");
    std::vector<TsvTable> tables;
    Provenance prov{{"program", "mc_collect"}, {"description", description}};
    std::stringstream ss(runs);
    std::string path;
    while (std::getline(ss, path, ',')) {
      tables.push_back(read_tsv(path));
      prov.push_back({"source", path});
    }
    // The parameters the runs share (those of the first run, minus what differs), so that
    // the figure can label itself from its data.
    for (const auto& [k, v] : tables.front().meta) {
      if (k == "program" || k == "description" || k == "content" || k == "init_norm") continue;
      bool shared = true;
      for (const auto& t : tables) shared = shared && t.meta.count(k) && t.meta.at(k) == v;
      if (shared) prov.push_back({k, v});
    }
    const auto& cols = tables.front().columns;
    TsvWriter all(std::filesystem::path(out) / "final_error.tsv", prov, cols);
    // (depth, t_switch) -> values over runs, for the statistics.
    std::map<std::pair<double, long>, std::vector<std::pair<double, double>>> by_point;
    for (const auto& t : tables) {
      require(t.columns == cols, "runs have different columns; rerun them with the same mc_sweep");
      for (size_t r = 0; r < t.rows.size(); ++r) {
        for (const auto& cell : t.rows[r]) all << cell;
        all.end_row();
        by_point[{t.number(r, group), static_cast<long>(t.number(r, "t_switch"))}].push_back(
            {t.number(r, "test_error"), t.number(r, "excess_error")});
      }
    }
    TsvWriter stats(std::filesystem::path(out) / "seed_stats.tsv", prov,
                    {group, "t_switch", "t_index", "runs", "mean_error", "min_error", "max_error", "mean_excess", "min_excess",
                     "max_excess"});
    std::map<long, long> t_index;  // position of every switch time in the sorted list
    for (const auto& [key, v] : by_point) t_index[key.second] = 0;
    long next = 0;
    for (auto& [ts, i] : t_index) i = next++;
    for (const auto& [key, v] : by_point) {
      double me = 0, lo = v[0].first, hi = v[0].first, mx = 0, lox = v[0].second, hix = v[0].second;
      for (const auto& [e, x] : v) {
        me += e / v.size(), mx += x / v.size();
        lo = std::min(lo, e), hi = std::max(hi, e), lox = std::min(lox, x), hix = std::max(hix, x);
      }
      stats.row(key.first, key.second, t_index[key.second], static_cast<long>(v.size()), me, lo, hi, mx, lox, hix);
    }
    stats.commit();
    all.commit();  // last: the make target
    return "";
  });
}
