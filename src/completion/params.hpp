// The parameters of the matrix-completion programs (mc_sweep, mc_sv_ode, mc_trace), each
// declared once on its config (common/params.hpp): the programs' options, their validation,
// provenance and config.toml, and the Python module's keywords all come from here; the
// configs' validate() checks the same rules.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/params.hpp"
#include "completion/problem_file.hpp"
#include "completion/sv_compare.hpp"
#include "completion/sweep.hpp"
#include "completion/trace.hpp"

namespace clp::completion {

// mc_sweep's parameters (SPEC Part B; defaults the paper's: N 100, n 2000, rank 10 -> 5,
// D 3, lr 0.2, g 0.001, the nine switch times, 30,000 steps after the switch).
void declare_params(ParamTable& t, SweepConfig& cfg);

// The parameter columns of an mc_sweep run's data rows (final_error.tsv, branches.tsv):
// (column, cell) of every parameter declared with Param::column, in declaration order.
std::vector<std::pair<std::string, std::string>> sweep_columns(const SweepConfig& cfg);
// The same for the run that a data file's provenance describes ("# key: value" lines, keys as
// mc_sweep writes them): the (column, cell) its rows must hold, for every column whose
// parameter the provenance names (a column whose parameter it does not name is left out).
// Throws clp::Error if a value does not parse as that parameter's.
std::vector<std::pair<std::string, std::string>> sweep_columns(const std::map<std::string, std::string>& provenance);

// After parsing mc_sweep's options: with --problem, reads the file, takes the parameters
// not given from it and pins its checksum (--problem-crc32), then checks every rule.
// Returns the problem read (or nothing). Throws clp::Error naming the flag.
std::optional<Problem> finish_sweep_params(ParamTable& t, SweepConfig& cfg);

// mc_sv_ode's parameters (SPEC mc_ode_vs_gd).
void declare_params(ParamTable& t, OdeCompareConfig& cfg);

// mc_trace's parameters: the loop's (TraceConfig), the problem file and the precision.
void declare_params(ParamTable& t, TraceConfig& cfg);  // the loop's own
struct TraceParams {
  TraceConfig cfg;
  std::string problem;
  std::string problem_crc32;  // pinned in config.toml: a replay refuses a changed file
};
void declare_params(ParamTable& t, TraceParams& p);
// Reads mc_trace's problem file, checks it against --problem-crc32 if given and pins it.
Problem read_trace_problem(TraceParams& p);

}  // namespace clp::completion
