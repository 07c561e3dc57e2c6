#include "stats/collect.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "common/error.hpp"
#include "completion/params.hpp"

namespace clp::stats {

namespace {
// Provenance keys that belong to one run, not to its configuration: what it is called and
// where it wrote (program, version, description, content, its checksum, out, quiet), its seed and what the
// seed draws (init_norm, the problem file and its checksum: mc_sweep writes the checksum
// both as its option, problem-crc32, and as the file's own, problem_crc32).
// The arithmetic (completion/gemm.hpp) is the machine's, not the configuration's: runs of one
// curve computed on different machines may be merged; the merged file then says so.
const std::set<std::string> kRunOwn{"program", "version", "arithmetic", "description", "content", "checksum", "out", "quiet",
                                    "seed", "init_norm", "problem", "problem-crc32", "problem_crc32", "draw_crc32"};

// The rows of a run say what its provenance says: every column whose parameter the
// provenance names holds the cell mc_sweep writes for that value (completion::sweep_columns),
// so that a run edited or pieced together (rows of lr 0.05 under '# lr: 0.2') is refused.
void check_rows_match_provenance(const TsvTable& t, const std::string& file) {
  std::vector<std::pair<std::string, std::string>> expected;
  try {
    expected = completion::sweep_columns(t.meta);
  } catch (const Error& e) {
    throw Error(file + ": its provenance is not one of mc_sweep's runs (" + e.what() + "): rerun it with this mc_sweep");
  }
  for (const auto& [column, cell] : expected) {
    if (std::find(t.columns.begin(), t.columns.end(), column) == t.columns.end()) continue;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const std::string& have = t.text(r, column);
      if (have == cell) continue;
      char* end_a = nullptr;
      char* end_b = nullptr;
      const double a = std::strtod(have.c_str(), &end_a), b = std::strtod(cell.c_str(), &end_b);
      if (!have.empty() && !cell.empty() && *end_a == 0 && *end_b == 0 && a == b) continue;
      throw Error(t.where(r, column) + " says " + have + ", its provenance says " + cell +
                  ": the rows and the provenance of one run disagree (an edited or pieced-together file); rerun it");
    }
  }
}

// The curve of a run's first row: the values of the group's columns, joined by '/'.
std::string first_curve(const TsvTable& t, const std::string& group) {
  std::string curve;
  for (const auto& col : group_columns(group)) curve += (curve.empty() ? "" : "/") + t.text(0, col);
  return curve;
}

// One draw is one seed: two runs of one curve with the same draw fingerprint ('# draw_crc32:',
// over the tasks, the observed entries and the initialization) trained on the same data from
// the same start, whatever their seeds say (a run copied or relabelled).
void check_distinct_draws(const std::vector<TsvTable>& tables, const std::vector<std::string>& files,
                          const std::string& group) {
  std::map<std::pair<std::string, std::string>, size_t> seen;  // (curve, draw) -> its first run
  for (size_t i = 0; i < tables.size(); ++i) {
    const auto d = tables[i].meta.find("draw_crc32");
    require(d != tables[i].meta.end(), files[i] + " has no '# draw_crc32:' line (what identifies its random draw): rerun it with this mc_sweep");
    const auto [it, fresh] = seen.emplace(std::pair{first_curve(tables[i], group), d->second}, i);
    if (!fresh)
      throw Error(files[it->second] + " and " + files[i] +
                  " have the same random draw (draw_crc32 " + d->second + ", " + group + " " + first_curve(tables[i], group) +
                  "): one run under two labels is one seed, not two; collect runs of different seeds");
  }
}
}  // namespace

Collected collect_runs(const std::vector<std::string>& run_files, const std::vector<long>& seeds,
                       const std::string& group, const std::string& description, bool per_curve_times) {
  require(!run_files.empty(), "no runs to collect");
  std::string seed_text;
  for (long s : seeds) seed_text += (seed_text.empty() ? "" : ",") + std::to_string(s);

  Collected c;
  std::vector<TsvTable> tables;
  c.prov = {{"program", "mc_collect"}, {"description", description}};
  for (const auto& path : run_files) {
    // A run's file as its program wrote it, or no figure: an edited value would go into the
    // figure's data, which then carries a checksum of its own.
    if (const std::string why = checksum_problem(path); !why.empty()) throw Error(why);
    tables.push_back(read_tsv(path));
    c.prov.push_back({"source", path});
    c.sources.push_back(path);
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
  // Every run on its own first: a bad cell is named by its file and line, and every run
  // carries its training status.
  for (size_t i = 0; i < tables.size(); ++i) {
    require(std::find(tables[i].columns.begin(), tables[i].columns.end(), "status") != tables[i].columns.end(),
            run_files[i] + " has no status column (common/convergence.hpp): rerun it with this mc_sweep");
    read_seed_sweep(tables[i], group, run_files[i]);
    check_rows_match_provenance(tables[i], run_files[i]);
  }
  check_distinct_draws(tables, run_files, group);
  // The runs of one curve are one configuration: they agree on every parameter but the seed
  // (and what only names or describes a run, kRunOwn), else the curve's mean would average
  // different experiments.
  std::map<std::string, size_t> curve_first;  // curve values (as written) -> its first run
  for (size_t i = 0; i < tables.size(); ++i) {
    const TsvTable& t = tables[i];
    const std::string curve = first_curve(t, group);
    const auto [it, fresh] = curve_first.emplace(curve, i);
    if (fresh) continue;
    const TsvTable& f = tables[it->second];
    auto keys = [](const TsvTable& x) {
      std::map<std::string, std::string> m;
      for (const auto& [k, v] : x.meta)
        if (!kRunOwn.count(k)) m[k] = v;
      return m;
    };
    const auto a = keys(f), b = keys(t);
    for (const auto& [k, v] : a) {
      const auto o = b.find(k);
      if (o == b.end() || o->second != v)
        throw Error("runs of one curve (" + group + " " + curve + ") differ in '" + k + "': " +
                    run_files[it->second] + " has '" + v + "', " + run_files[i] + " has '" +
                    (o == b.end() ? std::string("no such line") : o->second) +
                    "': collect runs of one configuration (only the seed may differ)");
    }
    for (const auto& [k, v] : b)
      if (!a.count(k))
        throw Error("runs of one curve (" + group + " " + curve + ") differ in '" + k + "': " + run_files[i] +
                    " has '" + v + "', " + run_files[it->second] + " has no such line: collect runs of one configuration");
  }
  // The parameters the runs share (those of the first run, minus what differs), so that
  // the figure can label itself from its data.
  for (const auto& [k, v] : first.meta) {
    if (k == "program" || k == "description" || k == "content" || k == "init_norm") continue;
    bool shared = true;
    for (const auto& t : tables) shared = shared && t.meta.count(k) && t.meta.at(k) == v;
    if (shared) c.prov.push_back({k, v});
  }
  std::set<std::string> arithmetic;
  for (const auto& t : tables)
    if (t.meta.count("arithmetic")) arithmetic.insert(t.meta.at("arithmetic"));
  if (arithmetic.size() > 1) {
    std::string all;
    for (const auto& a : arithmetic) all += (all.empty() ? "" : " | ") + a;
    c.prov.push_back({"arithmetic", "mixed: " + all});
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
  c.sweep = read_seed_sweep(c.merged, group, "the collected runs", per_curve_times);
  // The curves, so that a checker can tell a whole missing curve from a figure without it.
  c.prov.push_back({"curves", c.sweep.curve_list()});
  return c;
}

void check_apart(const std::filesystem::path& dir, const std::vector<std::string>& inputs, const std::string& flag) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path out = fs::weakly_canonical(fs::absolute(dir.empty() ? fs::path(".") : dir), ec);
  for (const auto& in : inputs) {
    const fs::path input_dir = fs::weakly_canonical(fs::absolute(fs::path(in)).parent_path(), ec);
    require(input_dir != out, flag + " " + dir.string() + " is the directory of the input " + in +
                                  ": writing there would overwrite that input's files; choose another directory");
  }
}

void write_collected(const Collected& c, const std::filesystem::path& dir) {
  check_apart(dir, c.sources);
  const std::string& group = c.sweep.group;
  const bool several = c.sweep.columns.size() > 1;
  auto stats_prov = c.prov;
  stats_prov.push_back({"content", "per curve (" + group + ") and switch time, over seeds: n_seeds, mean, sample sd "
                                   "(n - 1), min, max and the 95% percentile bootstrap interval of the mean (exact "
                                   "for up to 10 seeds) of test_error (_error) and excess_error (_excess); n_converged: how many of the seeds' runs "
                                   "converged at that point (the others are not evidence; src/common/convergence.hpp)"});
  std::vector<std::string> columns = c.sweep.columns;
  for (const char* col : {"t_switch", "t_index", "n_seeds", "mean_error", "sd_error", "min_error", "max_error",
                          "ci_lo_error", "ci_hi_error", "mean_excess", "sd_excess", "min_excess", "max_excess",
                          "ci_lo_excess", "ci_hi_excess", "n_converged"})
    columns.push_back(col);
  TsvWriter st(dir / "seed_stats.tsv", stats_prov, columns);
  for (const auto& p : seed_statistics(c.sweep)) {
    // One cell per group column: the curve's values as the runs wrote them (one column: the value).
    if (several)
      for (const auto& v : c.sweep.curve_values(p.curve)) st << v;
    else
      st << p.curve;
    st.row(p.t_switch, static_cast<long>(p.t_index), static_cast<long>(p.error.n), p.error.mean, p.error.sd,
           p.error.min, p.error.max, p.error.ci.lo, p.error.ci.hi, p.excess.mean, p.excess.sd, p.excess.min,
           p.excess.max, p.excess.ci.lo, p.excess.ci.hi, p.converged);
  }
  TsvWriter all(dir / "final_error.tsv", c.prov, c.merged.columns);
  for (const auto& row : c.merged.rows) {
    for (const auto& cell : row) all << cell;
    all.end_row();
  }
  st.commit();
  all.commit();  // last: the make target
}

}  // namespace clp::stats
