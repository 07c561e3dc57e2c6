// Collecting matrix-completion runs into one figure (mc_collect): every run's final_error.tsv
// rows under one header, the provenance the runs share, and seed statistics per curve and
// switch time (seed_stats.tsv).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "common/tsv.hpp"
#include "stats/seed_stats.hpp"

namespace clp::stats {

struct Collected {
  Provenance prov;  // description, one `source` per run, the parameters every run shares, seeds, group, curves
  TsvTable merged;  // every row of every run, as the runs wrote them
  SeedSweep sweep;  // the same rows as a complete grid of curves x seeds x switch times
  std::vector<std::string> sources;  // the run files read
};

// Reads the runs' final_error.tsv files and checks that they form a complete grid: the
// given seeds for every curve (values of the columns of `group`: one, e.g. "depth", or several,
// e.g. "pattern,init,rank1,depth"), the same switch times for every
// run, no row twice, every value finite (an error names the file and line), a status column in
// every run, the same columns and the same random draws (`# draws:`) in every run, and the runs
// of one curve made with the same parameters (every provenance line but the seed's and the
// run's own names: an error names the key and the two runs), every run's rows agreeing with
// its provenance (each column whose parameter it names: an error names file, line and
// column), and no two runs of one curve with the same random draw (`# draw_crc32:`: one run
// under two seeds). per_curve_times: each curve's runs share their switch times, which may
// differ from another curve's (read_seed_sweep). Throws clp::Error.
Collected collect_runs(const std::vector<std::string>& run_files, const std::vector<long>& seeds,
                       const std::string& group, const std::string& description, bool per_curve_times = false);

// Throws clp::Error if dir is the directory of one of the inputs (writing there would
// overwrite that run's files).
// `flag` names dir in the message.
void check_apart(const std::filesystem::path& dir, const std::vector<std::string>& inputs,
                 const std::string& flag = "--out");

// Writes seed_stats.tsv (with n_converged per point), then final_error.tsv (the make target:
// written last), into dir, each atomically; refuses (check_apart) a dir that holds an input.
void write_collected(const Collected& c, const std::filesystem::path& dir);

}  // namespace clp::stats
