#include "stats/collect.hpp"

#include "common/error.hpp"

namespace clp::stats {

Collected collect_runs(const std::vector<std::string>& run_files, const std::vector<long>& seeds,
                       const std::string& group, const std::string& description) {
  require(!run_files.empty(), "no runs to collect");
  std::string seed_text;
  for (long s : seeds) seed_text += (seed_text.empty() ? "" : ",") + std::to_string(s);

  Collected c;
  std::vector<TsvTable> tables;
  c.prov = {{"program", "mc_collect"}, {"description", description}};
  for (const auto& path : run_files) {
    tables.push_back(read_tsv(path));
    c.prov.push_back({"source", path});
  }
  // Whose random draws: every run the same (a figure of ours and the authors' mixed is an error).
  const TsvTable& first = tables.front();
  for (size_t i = 0; i < tables.size(); ++i) {
    const auto d = tables[i].meta.find("draws");
    require(d != tables[i].meta.end(), run_files[i] + " has no '# draws:' line: rerun it with this mc_sweep");
    require(first.meta.count("draws") && d->second == first.meta.at("draws"),
            "runs with different draws (" + run_files[i] + ": " + d->second + ", " + run_files[0] + ": " +
                (first.meta.count("draws") ? first.meta.at("draws") : std::string("none")) + "): collect runs of one kind");
  }
  // The parameters the runs share (those of the first run, minus what differs), so that
  // the figure can label itself from its data.
  for (const auto& [k, v] : first.meta) {
    if (k == "program" || k == "description" || k == "content" || k == "init_norm") continue;
    bool shared = true;
    for (const auto& t : tables) shared = shared && t.meta.count(k) && t.meta.at(k) == v;
    if (shared) c.prov.push_back({k, v});
  }
  c.prov.push_back({"seeds", seed_text});
  c.prov.push_back({"group", group});

  // Every row of every run, under one header, as the runs wrote them.
  c.merged.columns = first.columns;
  c.merged.meta["seeds"] = seed_text;
  for (size_t i = 0; i < tables.size(); ++i) {
    require(tables[i].columns == c.merged.columns, "runs have different columns (" + run_files[i] + " differs from " +
                                                       run_files[0] + "); rerun them with the same mc_sweep");
    c.merged.rows.insert(c.merged.rows.end(), tables[i].rows.begin(), tables[i].rows.end());
  }
  c.sweep = read_seed_sweep(c.merged, group, "the collected runs");
  // The curves, so that a checker can tell a whole missing curve from a figure without it.
  c.prov.push_back({"curves", c.sweep.curve_list()});
  return c;
}

void write_collected(const Collected& c, const std::filesystem::path& dir) {
  const std::string& group = c.sweep.group;
  auto stats_prov = c.prov;
  stats_prov.push_back({"content", "per curve (" + group + ") and switch time, over seeds: n_seeds, mean, sample sd "
                                   "(n - 1), min, max and the 95% percentile bootstrap interval of the mean (exact "
                                   "for up to 10 seeds) of test_error (_error) and excess_error (_excess)"});
  TsvWriter st(dir / "seed_stats.tsv", stats_prov,
               {group, "t_switch", "t_index", "n_seeds", "mean_error", "sd_error", "min_error", "max_error",
                "ci_lo_error", "ci_hi_error", "mean_excess", "sd_excess", "min_excess", "max_excess", "ci_lo_excess",
                "ci_hi_excess"});
  for (const auto& p : seed_statistics(c.sweep))
    st.row(p.curve, p.t_switch, static_cast<long>(p.t_index), static_cast<long>(p.error.n), p.error.mean, p.error.sd,
           p.error.min, p.error.max, p.error.ci.lo, p.error.ci.hi, p.excess.mean, p.excess.sd, p.excess.min,
           p.excess.max, p.excess.ci.lo, p.excess.ci.hi);
  TsvWriter all(dir / "final_error.tsv", c.prov, c.merged.columns);
  for (const auto& row : c.merged.rows) {
    for (const auto& cell : row) all << cell;
    all.end_row();
  }
  st.commit();
  all.commit();  // last: the make target
}

}  // namespace clp::stats
