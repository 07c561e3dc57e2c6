// The reproduction report: one HTML page (out/report.html) that shows every figure next to
// the paper claims it reproduces, the measured values, pass/fail, the parameters and seed
// (from the data files' provenance) and how long the figure's data took to compute.
// Generated from the files under the output root only; never written by hand.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "common/tsv.hpp"
#include "registry/registry.hpp"

namespace clp::report {

// Reads, for the given figures (make_report: every figure of the registry),
// <root>/claims.tsv (check_claims --table), <root>/data/<id>/ and <root>/figures/<id>.png,
// and writes <root>/report.html (atomically). Figures without data are listed as missing.
// `setting` non-empty (make sweep: "lr=0.1"): the root holds these figures computed with that
// setting, and the page says so in its title instead of calling itself a reproduction.
// Returns the number of figures with data.
int write_report(const std::filesystem::path& root, const std::vector<registry::Figure>& figures,
                 const std::string& setting = "");

// Seconds spent computing a figure's data: data/<id>/.seconds, or for a figure collected
// from runs the sum of the .seconds of the runs its data file lists as `# source:` (each
// run counted in every figure that uses it). Negative if unknown.
double compute_seconds(const std::filesystem::path& figure_dir, const TsvTable& data);

}  // namespace clp::report
