// The make rules of every figure, from the declaration of its runs (pipeline/experiments.txt,
// registry/experiments.hpp), and what a goal will cost before it starts.
//
//   pipeline_plan rules --declaration pipeline/experiments.txt --registry pipeline/figures.tsv
//                       --quick 0 --seeds 5 --draws ours [--set-figure mc_depth --set lr=0.1]
//       the rules make includes (stdout): every run once (a run shared by figures is one target,
//       its id derived from its parameters), every figure's collection, copy or program run and
//       its rendering, RUNS.<id> (the runs of a figure) and IDS.<goal>. Every run is checked by
//       its program's own parameter declaration first: a bad value is one error line naming the
//       declaration's line and the figure, and no rules (exit 2).
//   pipeline_plan runs ...same options...
//       every run of every figure, once: program, then its arguments (tab-separated).
//   pipeline_plan vary ...same options... --set-figure mc_depth --vary lr=0.05,0.1
//       make sweep's values, one per line, after checking the plan of every one of them.
//   pipeline_plan normalize
//       reads "program<TAB>arguments" lines, prints "program<TAB>parameter values in effect"
//       (sorted, each distinct once): two lists with the same output compute the same runs.
//   { make -n <run targets>; echo "dry-run-status $?"; } | pipeline_plan estimate --bin build/release/bin --jobs 2 --cores 2
//                       --total 120 --what "the paper's figures" --out out [--runner slurm]
//       reads the commands make would run (make decides what is out of date; a dry run that
//       failed, its status not 0, is an error, never "all up to date"), counts the flops
//       of every matrix-completion run with the programs' own declarations
//       (completion/flops.hpp), measures this core's rate with a short mc_sweep run, and prints
//       how many runs are left, on how many cores, and about how long they will take. Before
//       that it claims --out as out-root does.
//   pipeline_plan out-root <dir>
//       refuses, in one line (exit 2), an output root this pipeline did not make (a directory
//       that holds files but not the mark .clp-output-root); otherwise creates it and its mark
//       (under make -n: checks only).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "common/app.hpp"
#include "common/error.hpp"
#include "common/params.hpp"
#include "completion/flops.hpp"
#include "programs/programs.hpp"
#include "registry/experiments.hpp"

namespace {

// What is wrong with OUT, in the same words from the generated rules' guard (make figures,
// make <id>) and from out-root (the goals that read no rules: sweep, report, bench, crosscheck).
constexpr const char* kOutEmpty = "OUT is empty: give the output directory, e.g. OUT=out";
constexpr const char* kOutSpace = "has a space, which make cannot take in a path: choose a directory without one";
constexpr const char* kOutFile =
    "is a file, not a directory: give OUT a new or empty directory, or an output root of an earlier make figures";

using namespace clp;
namespace ex = clp::experiments;

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// A short fingerprint of what made a figure's data (64-bit FNV-1a, hexadecimal): compared
// by the Makefile's args_changed with the one in the data's .args.
std::string digest(const std::string& what) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : what) h = (h ^ c) * 1099511628211ull;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

// A make recipe's view of an argument: single quotes where the shell needs them.
std::string shell_words(const std::vector<std::string>& args) {
  std::string out;
  for (const auto& a : args) {
    const bool plain = a.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,+/=%") ==
                       std::string::npos;
    out += (out.empty() ? "" : " ") + (plain ? a : "'" + a + "'");
  }
  return out;
}

struct Plan {
  std::vector<ex::FigurePlan> figures;
  std::string declaration, registry;
  ex::Options options;
  std::vector<std::string> vary_values;  // --vary: every value, each checked by its own plan
};

Plan make_plan(int argc, char** argv) {
  Plan p;
  int quick = 0;
  std::string set_figure, set, vary;
  p.declaration = "pipeline/experiments.txt";
  p.registry = "pipeline/figures.tsv";
  ParamTable t("pipeline_plan", "Make rules of every figure from the declaration of its runs.");
  t.add("declaration", p.declaration, "the runs of every figure").nonempty();
  t.add("registry", p.registry, "the figure registry").nonempty();
  t.add("quick", quick, "1: the QUICK=1 sizes").at_least(0).at_most(1);
  t.add("seeds", p.options.seeds, "SEEDS: collected figures over seeds 1..SEEDS").at_least(1);
  t.add("draws", p.options.draws, "DRAWS: whose random draws the paper's figures use")
      .choices({"ours", "authors", "authors-nomkl"});
  t.add("set-figure", set_figure, "make sweep: the figure whose runs --set changes");
  t.add("set", set, "make sweep: settings given to every run of that figure, e.g. lr=0.1");
  t.add("vary", vary, "make sweep (pipeline_plan vary): name=v1,v2,... each value checked as --set name=value");
  std::vector<std::string> args(argv + 2, argv + argc);
  t.parse(args);
  t.check();
  require(set_figure.empty() == (set.empty() && vary.empty()) && (set.empty() || vary.empty()),
          "--set-figure goes with one of --set and --vary (make sweep FIGURE=... VARY=...)");
  p.options.quick = quick == 1;
  std::ifstream in(p.registry);
  require(in.good(), "cannot read " + p.registry);
  std::stringstream ss;
  ss << in.rdbuf();
  const ex::Declaration decl = ex::read(p.declaration);
  const auto figures = registry::parse(ss.str(), p.registry);
  if (!vary.empty()) {
    const auto [name, values] = ex::sweep_values(vary);
    // Two spellings of one value (lr=0.1,0.10) would compute the same runs twice, into two roots.
    std::map<std::string, std::string> value_of;  // the figure's runs (or arguments) -> the value
    for (const auto& v : values) {
      std::string what;
      for (const auto& f : ex::expand(decl, figures, p.options, set_figure, name + "=" + v)) {
        if (f.figure.id != set_figure) continue;
        what = ex::normalized(f.figure.program, f.args);
        for (const auto& r : f.runs) what += r.id + "\n";
      }
      const auto [it, fresh] = value_of.emplace(what, v);
      require(fresh, "VARY: " + name + "=" + it->second + " and " + name + "=" + v + " are the same value: keep one");
    }
    p.vary_values = values;
    return p;
  }
  p.figures = ex::expand(decl, figures, p.options, set_figure, set);
  return p;
}

// A run's rule. Like a figure's data (rules() below), a run records a digest of what made it
// in its .args, written after it; the program drops .args when it replaces the directory, so a
// run made there by hand, with other parameters, is made again by its rule, not collected.
void write_run(std::ostream& o, const ex::Run& r) {
  const std::string dir = "$(RUNS)/" + r.id, args = shell_words(r.args);
  const std::string what = r.program + " " + args + (r.draws == "ours" ? "" : " --problem " + r.draws);
  const std::string made_by = " $(call args_changed," + dir + "," + digest(what) + ")";
  const std::string record = "\t@echo " + digest(what) + " > " + dir + "/.args\n\n";
  if (r.draws == "ours") {
    o << dir << "/final_error.tsv: $(STAMPS)/" << r.program << ".sha256" << made_by << "\n"
      << "\tpipeline/timed.sh " << dir << "/.seconds $(call run_on," << r.id << ") $(BIN)/" << r.program << " --out "
      << dir << " " << args << "\n"
      << record;
    return;
  }
  // The authors' draws: pipeline/authors_draws.py writes the run's problem file (beside the
  // runs) from the same arguments, and mc_sweep --problem trains on it.
  const std::string problem = "$(RUNS)/problems/" + r.id + ".txt";
  const std::string draw = r.draws == "authors" ? "mkl" : "nomkl";
  o << problem << ": pipeline/authors_draws.py | deps-torch\n\t@mkdir -p $(@D)\n"
    << "\t/usr/bin/python3 pipeline/authors_draws.py --draw " << draw << " --out $@ " << args << "\n"
    << dir << "/final_error.tsv: $(STAMPS)/" << r.program << ".sha256 " << problem << made_by << "\n"
    << "\tpipeline/timed.sh " << dir << "/.seconds $(call run_on," << r.id << ") $(BIN)/" << r.program << " --out " << dir
    << " " << args << " --problem " << problem << "\n"
    << record;
}

int rules(const Plan& p) {
  std::ostream& o = std::cout;
  o << "# generated by pipeline_plan from " << p.declaration << " and " << p.registry << " (QUICK="
    << p.options.quick << " SEEDS=" << p.options.seeds << " DRAWS=" << p.options.draws
    << "): edit the declaration, not this file\n\n";
  // OUT names one directory, checked before any rule reads a file under it.
  o << "$(if $(strip $(OUT)),,$(error " << kOutEmpty << "))\n"
    << "$(if $(word 2,$(OUT)),$(error OUT='$(OUT)' " << kOutSpace << "))\n"
    << "$(if $(shell [ -e '$(OUT)' ] && [ ! -d '$(OUT)' ] && echo file),$(error OUT=$(OUT) " << kOutFile << "))\n\n";
  std::set<std::string> written;
  std::vector<std::string> all_runs;
  for (const auto& f : p.figures) {
    const std::string& id = f.figure.id;
    const std::string data = "$(DATA)/" + id, target = data + "/" + f.figure.data;
    std::vector<std::string> run_targets, inputs;
    for (const auto& r : f.runs) {
      run_targets.push_back("$(RUNS)/" + r.id + "/final_error.tsv");
      inputs.push_back("$(RUNS)/" + r.id + "/" + f.collect);
      if (written.insert(r.id).second) {
        write_run(o, r);
        all_runs.push_back(run_targets.back());
      }
    }
    // A figure's data depend on what made them (the program and its arguments, or the runs
    // and settings collected), as a digest in its .args, written after the data: when the
    // digest differs (another QUICK, SEEDS or sweep value in the same OUT), the data are
    // remade (the Makefile's args_changed, read when make parses: make -n and -q tell).
    const auto made_by = [&](const std::string& what) {
      return " $(call args_changed," + data + "," + digest(what) + ")";
    };
    const auto record = [&](const std::string& what) { return "\t@echo " + digest(what) + " > " + data + "/.args\n"; };
    if (f.figure.recipe == "program") {
      const std::string args = shell_words(f.args), what = f.figure.program + " " + args;
      o << "RUNS." << id << " := " << target << "\n"
        << target << ": $(STAMPS)/" << f.figure.program << ".sha256" << made_by(what) << "\n"
        << "\tpipeline/timed.sh " << data << "/.seconds $(call run_on," << id << ") $(BIN)/" << f.figure.program
        << " --out " << data << (args.empty() ? "" : " " + args) << "\n"
        << record(what);
    } else if (f.figure.recipe == "collect") {
      std::vector<std::string> seeds;
      for (long s : f.seeds) seeds.push_back(std::to_string(s));
      std::string settings = "--group " + f.group;
      for (const auto& flag : f.collect_flags) settings += " --" + flag;
      settings += " --seeds " + join(seeds, ",");
      std::vector<std::string> ids;
      for (const auto& r : f.runs) ids.push_back(r.id);
      const std::string what = "mc_collect " + settings + " --runs " + join(ids, ",");
      o << "RUNS." << id << " := " << join(run_targets, " ") << "\n"
        << target << ": $(RUNS." << id << ") $(STAMPS)/mc_collect.sha256" << made_by(what) << "\n"
        << "\t$(BIN)/mc_collect --out " << data << " --description \"" << id << "\" " << settings << " \\\n\t  --runs "
        << join(inputs, ",") << "\n"
        << record(what);
    } else {
      const std::string run = "$(RUNS)/" + f.runs.at(0).id;
      const std::string what = "copy " + f.runs.at(0).id + " " + f.figure.data;
      o << "RUNS." << id << " := " << run_targets.at(0) << "\n"
        << target << ": " << run_targets.at(0) << made_by(what) << "\n\t@mkdir -p $(@D)\n"
        << "\tcp " << run << "/" << f.figure.data << " $@.tmp && mv $@.tmp $@\n"
        << "\t@cp " << run << "/.seconds $(@D)/.seconds 2>/dev/null || true\n"
        << record(what);
    }
    // On our draws, the same figure on the authors' draws where computed (the Makefile's
    // paper_data: AUTHORS_OUT), drawn beside ours by the sweep figures.
    const std::string paper = "$(call paper_data," + id + ")";
    o << "$(FIG)/" << id << ".pdf $(FIG)/" << id << ".png &: $(GNUPLOT_SCRIPTS) " << target
      << " $(addsuffix /final_error.tsv," << paper << ") | deps-plot\n"
      << "\t@mkdir -p $(FIG)\n";
    for (const char* fmt : {"pdf", "png"})
      o << "\tgnuplot$(if " << paper << ", -e \"paperdata='" << paper << "'\") -c figures/" << id << ".gp " << data
        << " $(FIG)/" << id << " " << fmt << " </dev/null\n";
    o << "IDS." << id << " := " << id << "\n\n";
  }
  o << "ALL_RUNS := " << join(all_runs, " ") << "\n";
  return 0;
}

int runs(const Plan& p) {
  std::set<std::string> seen;
  for (const auto& f : p.figures) {
    if (f.figure.recipe == "program") std::cout << f.figure.program << "\t" << join(f.args, " ") << "\n";
    for (const auto& r : f.runs)
      if (seen.insert(r.id).second) std::cout << r.program << "\t" << join(r.args, " ") << "\t" << r.draws << "\n";
  }
  return 0;
}

int normalize() {
  std::set<std::string> out;
  for (std::string line; std::getline(std::cin, line);) {
    std::istringstream in(line);
    std::string program;
    if (!std::getline(in, program, '\t') || program.empty()) continue;
    std::string rest;
    std::getline(in, rest);
    std::istringstream words(rest);
    std::vector<std::string> args;
    for (std::string w; words >> w;) args.push_back(w);
    std::string n = ex::normalized(program, args);
    std::replace(n.begin(), n.end(), '\n', ';');
    out.insert(program + "\t" + n);
  }
  for (const auto& l : out) std::cout << l << "\n";
  return 0;
}

// Nothing lost: the output root (make's OUT) is a directory this pipeline made (it holds the
// mark), or new, or empty, and then it gets the mark; a root of an earlier version of the
// pipeline (data/runs, or a claims table of check_claims) gets it too. Anything else (a
// directory of the user's: OUT=docs, OUT=.) is refused in one line, before any work.
// Under make -n (a recipe line that runs a sub-make runs even then) nothing is created: the
// root is checked only. make puts its one-letter flags first in MAKEFLAGS ("n --no-print-...").
constexpr const char* kOutputMark = clp::kOutputRootMark;
bool make_dry_run() {
  const char* flags = std::getenv("MAKEFLAGS");
  if (flags == nullptr || *flags == '\0' || *flags == ' ' || *flags == '-') return false;
  const std::string letters(flags, std::strcspn(flags, " "));
  return letters.find('n') != std::string::npos;
}
void claim_output_root(const std::string& out) {
  namespace fs = std::filesystem;
  if (out.empty()) throw Error(kOutEmpty);
  if (out.find_first_of(" \t\n") != std::string::npos) throw Error("OUT='" + out + "' " + kOutSpace);
  const fs::path root(out), mark = root / kOutputMark;
  const auto refuse = [&](const std::string& why) {
    throw Error("OUT=" + out + " " + why + ": give OUT a new or empty directory, or an output root of an earlier make figures");
  };
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(root, ec)) && !fs::exists(root, ec))
    throw Error("OUT=" + out + " is a symbolic link to " + fs::read_symlink(root, ec).string() +
                ", which does not exist: create the target directory, or give another OUT");
  if (fs::exists(root) && !fs::is_directory(root)) throw Error("OUT=" + out + " " + kOutFile);
  if (fs::exists(mark)) return;
  if (!clp::may_be_output_root(root)) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(root, ec)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    std::string held;
    for (size_t i = 0; i < names.size() && i < 3; ++i) held += (i ? ", " : "") + names[i];
    if (names.size() > 3) held += " and " + std::to_string(names.size() - 3) + " more";
    refuse("is a directory this pipeline did not make (it holds " + held + ", and no " + std::string(kOutputMark) + ")");
  }
  if (make_dry_run()) return;
  fs::create_directories(root);
  std::ofstream(mark) << "An output root of the pipeline (make figures OUT=...): make clean OUT=... may remove it.\n";
  if (!fs::exists(mark)) throw Error("cannot write " + mark.string() + ": give OUT a directory you can write");
}

// The time of the runs make would start (stdin: make -n's commands).
int estimate(int argc, char** argv) {
  std::string bin, what, out, runner, jobs = "1";
  int cores = 1;
  long total = 0;
  ParamTable t("pipeline_plan estimate", "What a goal will compute and about how long it takes.");
  t.add("bin", bin, "the build's programs").nonempty();
  t.add("jobs", jobs, "make -j (a number or unlimited)").nonempty();
  t.add("cores", cores, "this machine's cores").at_least(1);
  t.add("total", total, "the runs of the goal, done or not").at_least(0);
  t.add("what", what, "the goal, in words").nonempty();
  t.add("out", out, "the output root").nonempty();
  t.add("runner", runner, "slurm or empty");
  t.parse(std::vector<std::string>(argv + 2, argv + argc));
  t.check();
  claim_output_root(out);
  // A reference machine's rate for what is not counted in flops (the two-pathway programs), and
  // the cost of a double flop and of the ODE's flops against a float flop of the completion step.
  const double kRefRate = 8.0e10, kDoubleCost = 2, kOdeCost = 2;
  struct Work {
    std::string program;
    double float_flops = 0;  // float-flop equivalents at the measured rate
    double flops = 0;        // as counted
    bool known = true;
    bool drawn_later = false;  // counted without its problem file, not written yet
  };
  std::vector<Work> todo;
  std::set<std::string> seen;
  std::string dry_run_status;  // the last line: the dry run's exit status (the Makefile adds it)
  for (std::string line; std::getline(std::cin, line);) {
    if (line.rfind("dry-run-status ", 0) == 0) dry_run_status = line.substr(15);
    if (line.find("pipeline/timed.sh") == std::string::npos || !seen.insert(line).second) continue;
    std::istringstream in(line);
    std::vector<std::string> w;
    for (std::string x; in >> x;) w.push_back(x);
    for (size_t i = 0; i < w.size(); ++i) {
      const auto slash = w[i].rfind('/');
      const std::string name = w[i].substr(slash == std::string::npos ? 0 : slash + 1);
      const auto& names = programs::names();
      if (i == 0 || std::find(names.begin(), names.end(), name) == names.end()) continue;
      Work work{name};
      // A run on a problem file that an earlier step of the pipeline writes (the authors' draws)
      // cannot read it yet: it is counted at the sizes its command line gives (the file is
      // drawn for those), the program's defaults for the rest.
      std::vector<std::string> args(w.begin() + i + 1, w.end());
      for (size_t a = 0; a < args.size(); ++a)
        if (args[a] == "--problem" && a + 1 < args.size() && !std::filesystem::exists(args[a + 1])) {
          args.erase(args.begin() + static_cast<long>(a), args.begin() + static_cast<long>(a) + 2);
          work.drawn_later = true;
          break;
        }
      try {
        auto prog = programs::make(name);
        ParamTable pt(prog->name(), "");
        prog->declare(pt);
        pt.parse(args);
        prog->prepare(pt);
        pt.check();
        if (name == "mc_sweep") {
          const auto f = completion::sweep_flops(static_cast<programs::McSweep&>(*prog).cfg);
          work.float_flops = f.single + kDoubleCost * f.dbl;
          work.flops = f.single + f.dbl;
        } else if (name == "mc_sv_ode") {
          const auto f = completion::ode_compare_flops(static_cast<programs::McSvOde&>(*prog).cfg);
          work.float_flops = kOdeCost * kDoubleCost * f.dbl;
          work.flops = f.dbl;
        } else if (name == "twopath_lr") {
          const auto seeds = pt.at("seeds").value();
          work.float_flops = 27.0 * static_cast<double>(std::count(seeds.begin(), seeds.end(), ',') + 1) / 20 * kRefRate;
          work.flops = work.float_flops;
        } else {
          work.float_flops = work.flops = 0.5 * kRefRate;  // a phase portrait or two-pathway figure: about a second
        }
      } catch (const std::exception&) {
        work.known = false;
      }
      todo.push_back(work);
      break;
    }
  }
  // A dry run that failed lists nothing: never read as "all up to date".
  require(dry_run_status == "0", "make's dry run of the goal's runs failed (" +
                                     (dry_run_status.empty() ? std::string("no exit status") : "exit " + dry_run_status) +
                                     "; its error is above): nothing was computed");
  const long count = static_cast<long>(todo.size());
  if (count == 0) {
    std::printf("make: %s: %s up to date; rendering and the report only (output: %s/)\n", what.c_str(),
                total == 1 ? "its run is" : ("all " + std::to_string(total) + " runs are").c_str(), out.c_str());
    return 0;
  }
  // The rate: float flops per CPU second of a short depth-3 run of this machine's mc_sweep.
  double rate = kRefRate;
  {
    const auto scratch = std::filesystem::temp_directory_path() / ("clp_plan_" + std::to_string(::getpid()));
    const std::string probe = "--depth 3 --switch-times 0 --continue-steps 4000 --quiet";
    rusage before{}, after{};
    getrusage(RUSAGE_CHILDREN, &before);
    const int status =
        std::system((bin + "/mc_sweep --out " + scratch.string() + " " + probe + " >/dev/null 2>&1").c_str());
    getrusage(RUSAGE_CHILDREN, &after);
    std::filesystem::remove_all(scratch);
    auto secs = [](const timeval& a, const timeval& b) { return (b.tv_sec - a.tv_sec) + 1e-6 * (b.tv_usec - a.tv_usec); };
    const double cpu = secs(before.ru_utime, after.ru_utime) + secs(before.ru_stime, after.ru_stime);
    programs::McSweep probe_run;
    ParamTable pt("mc_sweep", "");
    probe_run.declare(pt);
    std::istringstream in(probe);
    std::vector<std::string> pw;
    for (std::string x; in >> x;) pw.push_back(x);
    pt.parse(pw);
    probe_run.prepare(pt);
    if (status == 0 && cpu > 0) rate = completion::sweep_flops(probe_run.cfg).single / cpu;
  }
  long slots = jobs == "unlimited" ? count : std::stol(jobs);
  if (runner != "slurm") slots = std::min<long>(slots, cores);
  slots = std::max<long>(1, std::min(slots, count));
  std::vector<double> secs;
  double flop = 0;
  long unknown = 0, drawn_later = 0;
  for (const auto& w : todo) {
    if (!w.known) {
      ++unknown;
      continue;
    }
    drawn_later += w.drawn_later;
    secs.push_back(w.float_flops / rate);
    flop += w.flops;
  }
  // Longest first, each on the least busy slot; the estimate is the busiest slot.
  std::sort(secs.rbegin(), secs.rend());
  std::vector<double> load(static_cast<size_t>(slots), 0.0);
  for (double s : secs) *std::min_element(load.begin(), load.end()) += s;
  const double wall = *std::max_element(load.begin(), load.end());
  char human[64];
  if (wall < 0.5)
    std::snprintf(human, sizeof human, "under a second");
  else if (wall < 90)
    std::snprintf(human, sizeof human, "%.0f s", wall);
  else if (wall < 5400)
    std::snprintf(human, sizeof human, "%.0f min", wall / 60);
  else
    std::snprintf(human, sizeof human, "%.1f h", wall / 3600);
  char where[128];
  if (runner == "slurm")
    std::snprintf(where, sizeof where, "as Slurm jobs, %s at once", jobs.c_str());
  else
    std::snprintf(where, sizeof where, "on %ld of %d cores (make -j%s)", slots, cores, jobs.c_str());
  std::printf("make: %s: %ld run%s to compute (%ld up to date), %s\n", what.c_str(), count, count == 1 ? "" : "s",
              std::max(0L, total - count), where);
  std::printf("  estimate: about %s wall: %.3g FLOP at %.3g GFLOP/s per core (measured now by a short run)%s\n", human,
              flop, rate / 1e9, runner == "slurm" ? ", plus the queue" : "");
  if (drawn_later > 0)
    std::printf("  (%ld of them on problem files the pipeline writes first, counted at the sizes their commands give)\n",
                drawn_later);
  if (unknown > 0) std::printf("  (not counted: %ld runs whose arguments cannot be read)\n", unknown);
  std::printf("  output: %s/figures/<id>.pdf and .png, data in %s/data/, the report %s/report.html\n", out.c_str(),
              out.c_str(), out.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  try {
    if (mode == "rules") return rules(make_plan(argc, argv));
    if (mode == "runs") return runs(make_plan(argc, argv));
    if (mode == "vary") {
      for (const auto& v : make_plan(argc, argv).vary_values) std::printf("%s\n", v.c_str());
      return 0;
    }
    if (mode == "normalize") return normalize();
    if (mode == "estimate") return estimate(argc, argv);
    if (mode == "out-root" && argc == 3) {
      claim_output_root(argv[2]);
      return 0;
    }
    std::fprintf(stderr, "usage: pipeline_plan rules|runs|vary|normalize|estimate|out-root [options] (see the file's head)\n");
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pipeline_plan: error: %s\n", e.what());
    return 2;
  }
}
