// The reproduction report: one HTML page (out/report.html) that shows every figure next to
// the paper claims it reproduces, the measured values, pass/fail, the parameters and seed
// (from the data files' provenance) and how long the figure's data took to compute.
// Generated from the files under the output root only; never written by hand.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace clp::report {

struct FigureInfo {
  std::string id;         // figure id (SPEC)
  std::string paper;      // where it is in the paper ("Fig 1", "Sec. 4", "ours")
  std::string title;      // what it shows, one line
  std::string data_file;  // the main data file in data/<id>/
};

// Every figure of the project, in paper order.
std::vector<FigureInfo> figure_catalogue();

// Reads <root>/claims.tsv (check_claims --table), <root>/data/<id>/ and <root>/figures/<id>.png
// and writes <root>/report.html (atomically). Figures without data are listed as missing.
// Returns the number of figures with data.
int write_report(const std::filesystem::path& root, const std::vector<FigureInfo>& figures);

// Seconds spent computing a figure's data: data/<id>/.seconds, or for a figure collected
// from runs the sum of its runs' .seconds (each run counted in every figure that uses it).
// Negative if unknown.
double compute_seconds(const std::filesystem::path& figure_dir);

}  // namespace clp::report
