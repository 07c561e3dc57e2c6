// The FLOP floor of a pipeline run: reads the commands of the runs on stdin (e.g. the output
// of `make -n figures`, one command per line; a command listed twice, as make -n may print
// it, counts once), counts the flops of every mc_sweep and mc_sv_ode run from its arguments
// (completion/flops.hpp, parsed with the programs' own flags), and prints the time those
// flops take at the given peak rates on the given number of cores: max(total / (cores x
// peak), the longest run / peak). The other programs (the two-pathway figures, a few seconds
// of CPU in all) are not counted: the floor is a lower bound. Without --float-peak and
// --double-peak it measures this core's peaks itself (BM_FmaPeak's measurement,
// bench/products.hpp; a few milliseconds).
//
//   make -n figures OUT=/tmp/empty | pipeline_floor --cores 2 [--float-peak 98 --double-peak 49]
//
// With --per-run it prints instead, for every line of stdin in order (repeats included), that
// line's run, tab-separated: its flops in float and in double, its program, N and depth D;
// "0\t0\t-\t0\t0" for a line that is not an mc_sweep or mc_sv_ode command, "nan\tnan\t?\t0\t0"
// for one whose arguments cannot be read yet (a problem file that an earlier step of the
// pipeline writes). bench/time_figures.sh pairs these with each run's measured time.
// pipeline_plan estimate (the start-of-run estimate of make figures) counts the same flops
// from the same make -n lines.
#include <cstdio>
#include <iostream>
#include <sstream>
#include <set>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/params.hpp"
#include "completion/flops.hpp"
#include "products.hpp"
#include "programs/programs.hpp"

namespace {

using namespace clp;

// A run's configuration from its command line, parsed and checked by the program's own
// declaration (programs/programs.hpp): an unknown flag is an error, so a new flag that
// changes the work cannot be missed silently.
struct RunFlops {
  completion::Flops flops;
  int N = 0, depth = 0;
};
RunFlops run_flops(const std::string& program, const std::vector<std::string>& args) {
  auto p = programs::make(program);
  ParamTable t(p->name(), "");
  p->declare(t);
  t.parse(args);
  p->prepare(t);
  t.check();
  if (program == "mc_sweep") {
    const auto& c = static_cast<programs::McSweep&>(*p).cfg;
    return {completion::sweep_flops(c), c.N, c.depth};
  }
  const auto& c = static_cast<programs::McSvOde&>(*p).cfg;
  return {completion::ode_compare_flops(c), c.N, c.depth};
}

// The run a command line starts: its program ("mc_sweep", "mc_sv_ode", found by the path's
// last component; "" for any other line) and its flops.
struct LineRun {
  std::string program;
  RunFlops run;
};
LineRun line_run(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  for (size_t i = 0; i < words.size(); ++i)
    for (const std::string program : {"mc_sweep", "mc_sv_ode"}) {
      const std::string& w = words[i];
      if (w.size() <= program.size() || w.compare(w.size() - program.size() - 1, std::string::npos, "/" + program) != 0)
        continue;
      return {program, run_flops(program, std::vector<std::string>(words.begin() + i + 1, words.end()))};
    }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  double float_peak = 0, double_peak = 0;
  int cores = 1;
  std::string json;
  ParamTable cli("pipeline_floor", "The FLOP floor of the runs whose commands are on stdin.");
  cli.add("float-peak", float_peak, "float peak of one core, GFLOP/s (BM_FmaPeak<float>; default: measured here)")
      .at_least(0);
  cli.add("double-peak", double_peak, "double peak of one core, GFLOP/s (BM_FmaPeak<double>; default: measured here)")
      .at_least(0);
  cli.add("cores", cores, "cores the runs share (make -j)").at_least(1);
  cli.add("json", json, "also write the numbers to this file (JSON)");
  bool per_run = false;
  cli.add("per-run", per_run, "print each input line's flops (float, double) instead of the floor");
  try {
    if (!cli.parse(argc, argv)) return 0;
    cli.check();
    if (per_run) {
      for (std::string line; std::getline(std::cin, line);) {
        try {
          const LineRun r = line_run(line);
          std::printf("%.6g\t%.6g\t%s\t%d\t%d\n", r.run.flops.single, r.run.flops.dbl,
                      r.program.empty() ? "-" : r.program.c_str(), r.run.N, r.run.depth);
        } catch (const std::exception&) {
          std::printf("nan\tnan\t?\t0\t0\n");
        }
      }
      return 0;
    }
    if (!cli.given("float-peak")) float_peak = clp::bench::measure_fma_peak<float>() * 1e-9;
    if (!cli.given("double-peak")) double_peak = clp::bench::measure_fma_peak<double>() * 1e-9;
    require(float_peak > 0 && double_peak > 0, "--float-peak and --double-peak must be positive");
    completion::Flops sweeps, odes;
    int n_sweeps = 0, n_odes = 0;
    double total_s = 0, longest = 0;
    std::string line;
    std::set<std::string> seen;
    while (std::getline(std::cin, line)) {
      if (!seen.insert(line).second) continue;
      const LineRun run = line_run(line);
      if (run.program.empty()) continue;
      const completion::Flops& f = run.run.flops;
      const bool sweep = run.program == "mc_sweep";
      (sweep ? sweeps : odes) += f;
      (sweep ? n_sweeps : n_odes) += 1;
      const double s = f.seconds_at(float_peak * 1e9, double_peak * 1e9);
      total_s += s;
      longest = std::max(longest, s);
    }
    const double floor_s = std::max(total_s / cores, longest);
    std::printf("runs: %d mc_sweep (%.3g flops float, %.3g double), %d mc_sv_ode (%.3g flops double)\n", n_sweeps,
                sweeps.single, sweeps.dbl, n_odes, odes.dbl);
    std::printf("peak: %.1f GFLOP/s float, %.1f double per core, %d cores\n", float_peak, double_peak, cores);
    std::printf("floor: %.1f s (%.1f min): %.1f s of work on one core, longest run %.1f s\n", floor_s, floor_s / 60,
                total_s, longest);
    if (!json.empty()) {
      std::FILE* f = std::fopen(json.c_str(), "w");
      require(f != nullptr, "--json: cannot write " + json);
      std::fprintf(f,
                   "{\n  \"mc_sweep_runs\": %d,\n  \"mc_sweep_flops_float\": %.6g,\n  \"mc_sweep_flops_double\": %.6g,\n"
                   "  \"mc_sv_ode_runs\": %d,\n  \"mc_sv_ode_flops_double\": %.6g,\n  \"float_peak_gflops\": %.2f,\n"
                   "  \"double_peak_gflops\": %.2f,\n  \"cores\": %d,\n  \"one_core_seconds\": %.2f,\n"
                   "  \"longest_run_seconds\": %.2f,\n  \"floor_seconds\": %.2f\n}\n",
                   n_sweeps, sweeps.single, sweeps.dbl, n_odes, odes.dbl, float_peak, double_peak, cores, total_s, longest,
                   floor_s);
      std::fclose(f);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pipeline_floor: error: %s\n", e.what());
    return 2;
  }
  return 0;
}
