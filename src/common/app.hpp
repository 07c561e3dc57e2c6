// The frame every program shares: parse its parameters (common/params.hpp), check them,
// run, write its files as one result, print a one-line summary; any error becomes one line
// "<program>: error: <cause>" and exit status 2.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "common/params.hpp"
#include "common/tsv.hpp"

namespace clp {

// Program name, project version, the arithmetic of the build on this machine
// (completion/gemm.hpp arithmetic()), what the data are, and every data parameter that
// applies, with its value in effect.
Provenance provenance(const ParamTable& t, const std::string& description);

// The file a run writes into its directory (--out): "program: <name>", then every path the
// run made, relative (directories end in '/'). It makes the directory recognisable as that
// program's run, which a later run of the same program may replace.
inline constexpr const char* kRunManifest = ".clp-run";

// The mark of an output root of the pipeline (pipeline_plan out-root writes it; make clean
// removes only a root that has it).
inline constexpr const char* kOutputRootMark = ".clp-output-root";

// Whether dir may be taken as an output root of the pipeline (make's OUT): it does not exist,
// is empty, or holds kOutputRootMark; or, a root of a version before the mark, it holds at its
// top nothing but what the pipeline writes there (data/, figures/, bench/, crosscheck/,
// claims.tsv, report.html, and their temporaries) and data/runs/ or a claims table of
// check_claims, or only temporaries of those files. A directory with any other file (a
// user's) is not one.
bool may_be_output_root(const std::filesystem::path& dir);

// Throws clp::Error naming `flag` unless `file` may be written (replaced) by `program`: it does
// not exist, or it is a regular file (not a symbolic link) that `program` wrote (its first
// line is "# program: <program>"). A user's file of any name is never replaced.
void check_replaceable_file(const std::string& file, const std::string& program, const std::string& flag);

// Throws clp::Error naming --out unless `out` can be written into: a non-empty path naming a
// directory (not ".", "..", "/"), not a dangling symbolic link nor a file, whose parent exists
// or can be created and is writable. Creates the parent. For an --out written into, not
// replaced (make_report).
void check_out_dir(const std::string& out);

// Throws clp::Error naming --out unless a run of `program` may replace the directory `out`
// (a symbolic link followed to its target) as a whole: it does not exist, or it holds
// nothing but a run of the same program (every path listed in its kRunManifest) and the
// pipeline's bookkeeping (.args, .seconds: pipeline/*.mk), or only that bookkeeping, or
// nothing. A directory holding anything else (a user's files, another program's run), and
// one that holds an input of the run (`inputs`: files the run reads), are refused.
// Then as check_out_dir.
void check_replaceable(const std::string& out, const std::string& program, const std::vector<std::string>& inputs);

// A run's output directory, written as one result: the program writes into a fresh staging
// directory beside it, and commit() puts the staging directory in its place in one rename
// (with kRunManifest; the old directory's .args and .seconds are carried over; its other
// files go). Until commit(), and if the run fails, the output directory is as it was.
// SIGINT, SIGTERM or SIGHUP before commit() removes the staging directory and then ends the
// process with that signal; a staging directory of a process that no longer runs, beside
// the output directory, is removed. Linux: renameat2(RENAME_EXCHANGE).
class RunDirectory {
 public:
  // check_replaceable, then creates the staging directory; throws clp::Error.
  RunDirectory(std::string out, const std::string& program, const std::vector<std::string>& inputs);
  ~RunDirectory();  // removes what is left of the staging directory
  RunDirectory(const RunDirectory&) = delete;
  RunDirectory& operator=(const RunDirectory&) = delete;
  const std::string& staging() const { return staging_; }
  void commit();  // throws clp::Error; the output directory is then the staged one

 private:
  std::string out_, staging_, program_;
};

// Parses the command line into t, calls prepare() (if given: e.g. reading an input file
// that supplies defaults) and checks every rule of t, then runs body. A program with --out
// writes into t.out_dir(), a staging directory that becomes --out with config.toml (the
// file that replays the run) only when body has returned. Prints body's summary line to
// stdout unless empty. Returns the process exit status: 0, or 2 after one line
// "<program>: error: <what>" on stderr.
// `inputs` (if given) names the files the run reads beyond its input_file() parameters and
// its --config file (mc_collect's --runs): --out may hold none of them (check_replaceable).
int run_program(int argc, char** argv, ParamTable& t, const std::function<std::string()>& body,
                const std::function<void()>& prepare = {},
                const std::function<std::vector<std::string>()>& inputs = {});

// The files a run of t reads: every input_file() parameter that applies, and the --config
// file of the command line argv.
std::vector<std::string> run_inputs(const ParamTable& t, int argc, char** argv);

}  // namespace clp
