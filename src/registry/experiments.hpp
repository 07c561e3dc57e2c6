// The runs of every figure, declared as data (pipeline/experiments.txt): per figure its base
// parameters, the parameters it varies and their values, its seeds, the columns that tell
// its curves apart, and what QUICK=1 changes. This file parses that declaration and expands
// it into runs: each run's program and arguments, checked by the program's own parameter
// declaration (programs/programs.hpp, the same rules the program applies), and its id,
// derived from the parameters (never spelled by hand), so that a run shared by figures is
// one run. pipeline_plan turns the expansion into make rules (build/<preset>/rules-*.mk).
//
// The format, one statement per line (# starts a comment):
//   let NAME = <settings>     a named group of settings; $NAME in a later line stands for them
//   figure <id>               starts a figure of the registry (pipeline/figures.tsv)
//   base <settings>           the parameters of every run (name=value; a flag by its name)
//   runs <settings>           a set of runs: every combination of the comma-separated values,
//                             over base; several runs lines make the union (none: one run)
//   quick <settings>          QUICK=1: these settings replace base's of the same name
//   quick-runs <settings>     QUICK=1: these runs lines replace the figure's runs lines
//   seeds all|at-least K|count K|<list>  the seeds of a collected figure: 1..SEEDS (default),
//                             1..max(K, SEEDS), 1..K whatever SEEDS, or the given list
//   quick-seeds <same>        QUICK=1: replaces seeds
//   group <col>[,<col>...]    the columns that tell a collected figure's curves apart (default depth)
//   collect <file>            the file of each run a collected figure gathers (default final_error.tsv)
// A `runs` value that is itself a list (e.g. switch-times) cannot be varied: give it in base.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "registry/registry.hpp"

namespace clp::experiments {

// name -> value in the order written; a flag has the value "" (given without a value).
using Settings = std::vector<std::pair<std::string, std::string>>;

struct FigureDecl {
  std::string id;
  int line = 0;                      // where its `figure` line is
  Settings base, quick;
  std::vector<Settings> runs, quick_runs;  // each: name -> comma-separated values
  std::string seeds = "all";         // all | at-least K | count K | a list
  std::string quick_seeds;           // QUICK=1 (empty: seeds)
  std::string group = "depth";
  std::string collect = "final_error.tsv";
  // mc_collect's flags for the figure (collect-flag <name>): per-curve-times, each curve with
  // its own switch times (mc_onset's multiples of each configuration's t*).
  std::vector<std::string> collect_flags;
};

// The flags `collect-flag` accepts: mc_collect's flag options.
inline const std::vector<std::string> kCollectFlags = {"per-curve-times"};

struct Declaration {
  std::string source;  // the file, for messages
  std::vector<FigureDecl> figures;
  const FigureDecl* find(const std::string& id) const;
};

// Parses the declaration's text; throws clp::Error naming source and line on a malformed
// line, an unknown statement, a figure listed twice or a statement outside a figure.
Declaration parse(const std::string& text, const std::string& source);
Declaration read(const std::string& path);

// How the runs are made: QUICK, SEEDS and DRAWS (ours, authors = the authors' draws with MKL,
// authors-nomkl) of the make invocation.
struct Options {
  bool quick = false;
  long seeds = 5;
  std::string draws = "ours";
};

// One run: a program started with arguments, writing into its own directory.
struct Run {
  std::string id;       // derived: the parameters that differ from the program's defaults, then _s<seed>
  std::string program;  // mc_sweep, ...
  std::vector<std::string> args;  // --name value ..., as declared (seed 1: no --seed)
  std::string draws;    // ours, authors, authors-nomkl
  long seed = 1;
};

// A figure expanded: its runs (collect, copy) or its program's arguments (program).
struct FigurePlan {
  registry::Figure figure;
  std::vector<Run> runs;            // collect: in declaration order, seed within configuration; copy: one
  std::vector<std::string> args;    // recipe program: the arguments after --out
  std::vector<long> seeds;          // collect
  std::string group, collect;
  std::vector<std::string> collect_flags;  // mc_collect --<flag> for each
};

// Expands every figure of the registry (every one must be declared, and nothing else). Each run
// is parsed and checked by its program's parameter declaration: a bad value is an error naming
// the figure and the declaration's line, before any run. `set` (make sweep: "lr=0.1") is given
// to every run of the figure `set_figure`, over its own and QUICK's settings.
std::vector<FigurePlan> expand(const Declaration& d, const std::vector<registry::Figure>& figures, const Options& o,
                               const std::string& set_figure = "", const std::string& set = "");

// make sweep's VARY "name=v1,v2,...": the name and its values, in order. Throws clp::Error on an
// empty item, a value given twice, or a value with a space, '=' or '/' (a value names a directory).
std::pair<std::string, std::vector<std::string>> sweep_values(const std::string& vary);

// Parses "a=1,2 b=x flag" into settings; throws clp::Error naming `where` on a malformed word.
Settings parse_settings(const std::string& text, const std::string& where);

// The id of a run of `program` with these arguments (checked by the program's declaration).
std::string run_id(const std::string& program, const std::vector<std::string>& args, const std::string& draws);

// The values of every data parameter of a run in effect, "name value" per line in declaration
// order (the program's provenance without the run's own names): two runs with the same text
// compute the same thing.
std::string normalized(const std::string& program, const std::vector<std::string>& args);

}  // namespace clp::experiments
